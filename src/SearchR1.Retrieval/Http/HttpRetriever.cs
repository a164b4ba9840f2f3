using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace SearchR1.Retrieval.Http;

/// <summary>
/// An <see cref="IRetriever"/> over any server speaking the Search-R1 <c>/retrieve</c> API: ours, the original
/// Python server, or its online-search variants. Large batches are sent in chunks of <see cref="MaxBatch"/>.
/// </summary>
public sealed class HttpRetriever : IRetriever
{
    private readonly HttpClient _client;
    private readonly bool _ownsClient;
    private readonly Uri _endpoint;

    /// <param name="url">The server (<c>http://127.0.0.1:8000</c>) or its retrieve endpoint (<c>…/retrieve</c>).</param>
    /// <param name="client">A client to use (not disposed); by default one is created with <paramref name="timeout"/>.</param>
    /// <param name="timeout">Per-request timeout (default 5 minutes: big batches over big dense indexes take a while).</param>
    public HttpRetriever(string url, HttpClient? client = null, TimeSpan? timeout = null)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"Retriever URL '{url}' is not an absolute http(s) URL (e.g. http://127.0.0.1:8000/retrieve).", nameof(url));
        }
        _endpoint = uri.AbsolutePath is "" or "/" ? new Uri(uri, RetrievalApi.RetrievePath) : uri;
        _ownsClient = client is null;
        _client = client ?? new HttpClient { Timeout = timeout ?? TimeSpan.FromMinutes(5) };
    }

    /// <summary>The endpoint requests go to.</summary>
    public Uri Endpoint => _endpoint;

    /// <summary>Queries per request; larger batches are split (servers limit batch sizes).</summary>
    public int MaxBatch { get; init; } = 256;

    public async Task<IReadOnlyList<IReadOnlyList<RetrievedPassage>>> SearchAsync(
        IReadOnlyList<string> queries, int topK, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(topK);
        var all = new List<IReadOnlyList<RetrievedPassage>>(queries.Count);
        for (int start = 0; start < queries.Count; start += MaxBatch)
        {
            int count = Math.Min(MaxBatch, queries.Count - start);
            var chunk = new string[count];
            for (int i = 0; i < count; i++)
            {
                chunk[i] = queries[start + i];
            }
            all.AddRange(await PostAsync(chunk, topK, ct).ConfigureAwait(false));
        }
        return all;
    }

    private async Task<IReadOnlyList<IReadOnlyList<RetrievedPassage>>> PostAsync(string[] queries, int topK, CancellationToken ct)
    {
        using var content = new StringContent(RetrievalApi.FormatRequest(queries, topK, returnScores: true), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using HttpResponseMessage response = await _client.PostAsync(_endpoint, content, ct).ConfigureAwait(false);
        string body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            string excerpt = body.Length > 500 ? body[..500] + "…" : body;
            throw new HttpRequestException($"{_endpoint} answered {(int)response.StatusCode} {response.ReasonPhrase}: {excerpt}", null, response.StatusCode);
        }
        using JsonDocument document = ParseBody(body);
        return RetrievalApi.ParseResponse(document.RootElement, queries.Length, _endpoint.ToString());
    }

    private JsonDocument ParseBody(string body)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{_endpoint}: the response is not JSON ({e.Message})", e);
        }
    }

    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }
}
