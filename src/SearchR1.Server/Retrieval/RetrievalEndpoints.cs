using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SearchR1.Retrieval;
using SearchR1.Retrieval.Bm25;
using SearchR1.Retrieval.Http;

namespace SearchR1.Server.Retrieval;

/// <summary>
/// <c>POST /retrieve</c> (the original's API exactly, SPEC §3.1) and <c>GET /health</c>. Every refusal is a JSON
/// <c>{"error": {"status", "field", "message"}}</c> with a 4xx status; nothing a client sends can stop the server.
/// </summary>
internal static class RetrievalEndpoints
{
    public static void Map(WebApplication app, IRetriever retriever, RetrievalServerOptions options)
    {
        DocumentShape shape = retriever is Bm25Retriever ? DocumentShape.TitleTextContents : DocumentShape.CorpusRow;

        app.MapGet(RetrievalApi.HealthPath, (HttpContext context) => WriteJsonAsync(context, 200, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("status", "ok");
            writer.WriteString("retriever", retriever.GetType().Name);
            writer.WriteEndObject();
        }));

        app.MapPost(RetrievalApi.RetrievePath, async (HttpContext context) =>
        {
            try
            {
                byte[] body = await ReadBodyAsync(context, options.MaxBodyBytes).ConfigureAwait(false);
                RetrieveRequest request = RetrieveRequest.Parse(body, options);
                IReadOnlyList<IReadOnlyList<RetrievedPassage>> results =
                    await retriever.SearchAsync(request.Queries, request.TopK, context.RequestAborted).ConfigureAwait(false);
                await WriteJsonAsync(context, 200, writer => WriteResults(writer, results, request.ReturnScores, shape)).ConfigureAwait(false);
            }
            catch (RequestError error)
            {
                await WriteErrorAsync(context, error.Status, error.Field, error.Message).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // The client went away; nobody is left to answer.
            }
        });
    }

    /// <summary>Writes a JSON error unless the response has started.</summary>
    public static Task WriteErrorAsync(HttpContext context, int status, string? field, string message)
    {
        if (context.Response.HasStarted)
        {
            return Task.CompletedTask;
        }
        return WriteJsonAsync(context, status, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteNumber("status", status);
            if (field is null)
            {
                writer.WriteNull("field");
            }
            else
            {
                writer.WriteString("field", field);
            }
            writer.WriteString("message", message);
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
    }

    private static void WriteResults(Utf8JsonWriter writer, IReadOnlyList<IReadOnlyList<RetrievedPassage>> results, bool withScores, DocumentShape shape)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("result");
        foreach (IReadOnlyList<RetrievedPassage> hits in results)
        {
            writer.WriteStartArray();
            foreach (RetrievedPassage hit in hits)
            {
                writer.WriteStartObject();
                writer.WritePropertyName("document");
                RetrievalApi.WriteDocument(writer, hit, shape);
                if (withScores)
                {
                    writer.WriteNumber("score", hit.Score);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    // Bodies up to twice the limit are read to the end before refusing them, so a client that is still sending
    // gets its 413 instead of a reset connection; anything larger is refused at once.
    private static async Task<byte[]> ReadBodyAsync(HttpContext context, long limit)
    {
        long drainLimit = 2 * limit;
        if (context.Request.ContentLength is long declared && declared > drainLimit)
        {
            throw new RequestError(413, null, $"the body is {declared} bytes; the limit is {limit}");
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        long total = 0;
        int read;
        try
        {
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                total += read;
                if (total > drainLimit)
                {
                    break;
                }
                if (total <= limit)
                {
                    buffer.Write(chunk, 0, read);
                }
            }
        }
        catch (BadHttpRequestException e)
        {
            throw new RequestError(e.StatusCode is >= 400 and < 500 ? e.StatusCode : 400, null, $"unreadable body: {e.Message}");
        }
        if (total > limit)
        {
            throw new RequestError(413, null, $"the body exceeds the limit of {limit} bytes");
        }
        return buffer.ToArray();
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer);
        }
        stream.Position = 0;
        await stream.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }
}
