using System.Text.Json;
using SearchR1.Core.Data;

namespace SearchR1.Retrieval.Http;

/// <summary>
/// The Search-R1 retrieval API (SPEC §3.1): <c>POST /retrieve</c> with <c>{"queries": [str], "topk": int|null,
/// "return_scores": bool}</c>, answered with <c>{"result": [[{"document": {…}, "score": float}, …], …]}</c>.
/// Shared by the client (<see cref="HttpRetriever"/>) and the server so both write exactly the same shapes.
/// </summary>
public static class RetrievalApi
{
    public const string RetrievePath = "/retrieve";
    public const string HealthPath = "/health";

    /// <summary>The request body the original trainer sends.</summary>
    public static string FormatRequest(IReadOnlyList<string> queries, int? topK, bool returnScores)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("queries");
            foreach (string query in queries)
            {
                writer.WriteStringValue(query);
            }
            writer.WriteEndArray();
            if (topK is int k)
            {
                writer.WriteNumber("topk", k);
            }
            else
            {
                writer.WriteNull("topk");
            }
            writer.WriteBoolean("return_scores", returnScores);
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// Writes one hit's <c>document</c> object as the original does: the whole corpus row for dense indexes
    /// (<c>id</c>, <c>contents</c>, extra fields), <c>title</c>/<c>text</c>/<c>contents</c> for BM25 (pyserini's stored docs).
    /// </summary>
    public static void WriteDocument(Utf8JsonWriter writer, RetrievedPassage passage, DocumentShape shape)
    {
        writer.WriteStartObject();
        if (shape == DocumentShape.TitleTextContents)
        {
            writer.WriteString("title", passage.Title);
            writer.WriteString("text", passage.Text);
            writer.WriteString("contents", passage.Contents);
        }
        else
        {
            writer.WriteString("id", passage.Id);
            writer.WriteString("contents", passage.Contents);
            if (passage.ExtraFields is not null)
            {
                foreach ((string name, JsonElement value) in passage.ExtraFields)
                {
                    writer.WritePropertyName(name);
                    value.WriteTo(writer);
                }
            }
        }
        writer.WriteEndObject();
    }

    /// <summary>
    /// Reads a <c>/retrieve</c> response: per query, its hits. Accepts scored items (<c>{"document", "score"}</c>),
    /// unscored items, and the original's bare documents; documents with <c>contents</c> or with <c>title</c>/<c>text</c>.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<RetrievedPassage>> ParseResponse(JsonElement root, int expectedQueries, string source)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("result", out JsonElement result) || result.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{source}: field 'result': expected an object with a \"result\" array of per-query lists");
        }
        if (result.GetArrayLength() != expectedQueries)
        {
            throw new InvalidDataException($"{source}: field 'result': expected {expectedQueries} per-query lists, got {result.GetArrayLength()}");
        }
        var all = new List<IReadOnlyList<RetrievedPassage>>(expectedQueries);
        int q = 0;
        foreach (JsonElement perQuery in result.EnumerateArray())
        {
            if (perQuery.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException($"{source}: field 'result[{q}]': expected a list of hits, found {perQuery.ValueKind}");
            }
            var hits = new List<RetrievedPassage>(perQuery.GetArrayLength());
            int rank = 0;
            foreach (JsonElement item in perQuery.EnumerateArray())
            {
                hits.Add(ParseHit(item, $"{source}: field 'result[{q}][{rank}]'", rank));
                rank++;
            }
            all.Add(hits);
            q++;
        }
        return all;
    }

    private static RetrievedPassage ParseHit(JsonElement item, string where, int rank)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{where}: expected an object, found {item.ValueKind}");
        }
        JsonElement document = item.TryGetProperty("document", out JsonElement inner) ? inner : item;
        double score = item.TryGetProperty("score", out JsonElement scoreElement) && scoreElement.ValueKind == JsonValueKind.Number
            ? scoreElement.GetDouble()
            : double.NaN;
        if (document.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{where}.document: expected an object, found {document.ValueKind}");
        }
        string id = document.TryGetProperty("id", out JsonElement idElement)
            ? (idElement.ValueKind == JsonValueKind.String ? idElement.GetString()! : idElement.GetRawText())
            : document.TryGetProperty("docid", out JsonElement docid) ? docid.ToString() : rank.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string? contents = OptionalString(document, "contents", where);
        if (contents is null)
        {
            string? title = OptionalString(document, "title", where);
            string? text = OptionalString(document, "text", where);
            if (title is null && text is null)
            {
                throw new InvalidDataException($"{where}.document: expected \"contents\" or \"title\"/\"text\" strings");
            }
            contents = CorpusRecord.FormatContents(title ?? "", text ?? "");
        }
        var record = new CorpusRecord(id, contents);
        return new RetrievedPassage(id, record.Title, record.Text, contents, score);
    }

    private static string? OptionalString(JsonElement document, string name, string where)
    {
        if (!document.TryGetProperty(name, out JsonElement element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return element.ValueKind == JsonValueKind.String
            ? element.GetString()
            : throw new InvalidDataException($"{where}.document.{name}: expected a string, found {element.ValueKind}");
    }
}

/// <summary>Which document object a server returns per hit (the original differs between its dense and BM25 servers).</summary>
public enum DocumentShape
{
    /// <summary>The corpus row: <c>{"id", "contents", …extra fields}</c> (dense, and the default).</summary>
    CorpusRow,

    /// <summary><c>{"title", "text", "contents"}</c> (the original's BM25 server).</summary>
    TitleTextContents,
}
