using System.Net;
using System.Text;
using System.Text.Json;
using SearchR1.Retrieval;
using SearchR1.Retrieval.Bm25;
using SearchR1.Retrieval.Http;
using SearchR1.Server.Retrieval;

namespace SearchR1.Server.Tests.Retrieval;

public sealed class RetrievalServerTests : IClassFixture<TinyBm25Index>, IAsyncLifetime
{
    private readonly TinyBm25Index _index;
    private readonly Bm25Retriever _retriever;
    private RetrievalServer? _server;
    private readonly HttpClient _client = new();

    public RetrievalServerTests(TinyBm25Index index)
    {
        _index = index;
        _retriever = new Bm25Retriever(index.Folder);
    }

    private Uri Retrieve => new(_server!.BaseAddress, "retrieve");

    public async Task InitializeAsync()
    {
        _server = await RetrievalServer.StartAsync(_retriever, new RetrievalServerOptions { Port = 0, MaxQueries = 64, MaxQueryChars = 2000, MaxBodyBytes = 64 * 1024, MaxTopK = 50 });
    }

    public async Task DisposeAsync()
    {
        await _server!.DisposeAsync();
        _retriever.Dispose();
        _client.Dispose();
    }

    [Fact]
    public void It_binds_the_loopback_address_by_default()
    {
        Assert.Equal("127.0.0.1", _server!.BaseAddress.Host);
        Assert.Equal("127.0.0.1", new RetrievalServerOptions().Host);
    }

    [Fact]
    public async Task The_original_trainers_request_gets_the_shape_it_reads()
    {
        string body = "{\"queries\": [\"who was Evan Morris the lobbyist\", \"Paul Walker the actor\"], \"topk\": 3, \"return_scores\": true}";

        using HttpResponseMessage response = await _client.PostAsync(Retrieve, new StringContent(body, Encoding.UTF8, "application/json"));
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonElement result = json.RootElement.GetProperty("result");
        Assert.Equal(2, result.GetArrayLength());
        Assert.Equal(3, result[0].GetArrayLength());
        JsonElement first = result[0][0];
        Assert.Equal(["document", "score"], first.EnumerateObject().Select(p => p.Name));
        JsonElement document = first.GetProperty("document");
        Assert.Equal(["title", "text", "contents"], document.EnumerateObject().Select(p => p.Name));
        Assert.Equal(_index.Passages[1].Contents, document.GetProperty("contents").GetString());
        Assert.Equal("Evan Morris", document.GetProperty("title").GetString());
        Assert.Equal(_index.Passages[1].Text, document.GetProperty("text").GetString());
        Assert.Equal("\"Paul Walker\"", result[1][0].GetProperty("document").GetProperty("contents").GetString()!.Split('\n')[0]);
        double expectedScore = (await _retriever.SearchAsync(["who was Evan Morris the lobbyist"], 1))[0][0].Score;
        Assert.Equal(expectedScore, first.GetProperty("score").GetDouble(), 6);
        Assert.True(first.GetProperty("score").GetDouble() >= result[0][1].GetProperty("score").GetDouble());
    }

    [Theory]
    [InlineData("{\"queries\": [\"Pavia cathedral\"], \"topk\": null}")]
    [InlineData("{\"queries\": [\"Pavia cathedral\"], \"topk\": 0}")]
    [InlineData("{\"queries\": [\"Pavia cathedral\"]}")]
    public async Task Null_zero_or_missing_topk_means_three_hits_without_scores(string body)
    {
        using HttpResponseMessage response = await _client.PostAsync(Retrieve, new StringContent(body, Encoding.UTF8, "application/json"));
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        JsonElement hits = json.RootElement.GetProperty("result")[0];
        Assert.Equal(3, hits.GetArrayLength());
        Assert.Equal(["document"], hits[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("Pavia Cathedral", hits[0].GetProperty("document").GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_http_client_reads_the_same_hits_as_the_in_process_retriever()
    {
        using var client = new HttpRetriever(_server!.BaseAddress.ToString()) { MaxBatch = 2 };
        string[] queries = ["who was Evan Morris the lobbyist", "Paul Walker the actor", "highway near Wesley", "the"];

        var remote = await client.SearchAsync(queries, 4);
        var local = await _retriever.SearchAsync(queries, 4);

        Assert.Equal(local.Count, remote.Count);
        for (int q = 0; q < queries.Length; q++)
        {
            Assert.Equal(local[q].Select(p => (p.Title, p.Text, p.Contents)), remote[q].Select(p => (p.Title, p.Text, p.Contents)));
            Assert.Equal(local[q].Select(p => p.Score), remote[q].Select(p => p.Score), (a, b) => Math.Abs(a - b) < 1e-6);
        }
        Assert.Empty(remote[3]);
    }

    [Fact]
    public async Task A_thousand_malformed_requests_get_json_4xx_errors_and_the_server_stays_healthy()
    {
        string hugeBody = "{\"queries\": [\"" + new string('a', 70 * 1024) + "\"]}";
        string manyQueries = "{\"queries\": [" + string.Join(",", Enumerable.Repeat("\"q\"", 65)) + "]}";
        string longQuery = "{\"queries\": [\"" + new string('b', 2001) + "\"]}";
        string deep = new string('[', 100) + new string(']', 100);
        (string Method, string Path, string? Body, int Status)[] cases =
        [
            ("POST", "retrieve", "{\"queries\": [\"x\"", 400),
            ("POST", "retrieve", "not json at all", 400),
            ("POST", "retrieve", "", 400),
            ("POST", "retrieve", "[1, 2, 3]", 422),
            ("POST", "retrieve", "{}", 422),
            ("POST", "retrieve", "{\"queries\": \"one string\"}", 422),
            ("POST", "retrieve", "{\"queries\": [1, 2]}", 422),
            ("POST", "retrieve", "{\"queries\": [null]}", 422),
            ("POST", "retrieve", "{\"queries\": []}", 422),
            ("POST", "retrieve", "{\"queries\": [\"x\"], \"topk\": -1}", 422),
            ("POST", "retrieve", "{\"queries\": [\"x\"], \"topk\": 1000000000000}", 422),
            ("POST", "retrieve", "{\"queries\": [\"x\"], \"topk\": 2.5}", 422),
            ("POST", "retrieve", "{\"queries\": [\"x\"], \"topk\": \"3\"}", 422),
            ("POST", "retrieve", "{\"queries\": [\"x\"], \"return_scores\": \"yes\"}", 422),
            ("POST", "retrieve", manyQueries, 413),
            ("POST", "retrieve", longQuery, 413),
            ("POST", "retrieve", hugeBody, 413),
            ("POST", "retrieve", deep, 400),
            ("GET", "retrieve", null, 405),
            ("POST", "nowhere", "{}", 404),
        ];

        for (int i = 0; i < 1000; i++)
        {
            var (method, path, body, status) = cases[i % cases.Length];
            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(_server!.BaseAddress, path));
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }
            using HttpResponseMessage response = await _client.SendAsync(request);
            string text = await response.Content.ReadAsStringAsync();

            Assert.True(status == (int)response.StatusCode, $"case {i % cases.Length} ({body?[..Math.Min(40, body.Length)]}): expected {status}, got {(int)response.StatusCode} {text}");
            using JsonDocument error = JsonDocument.Parse(text);
            Assert.False(string.IsNullOrWhiteSpace(error.RootElement.GetProperty("error").GetProperty("message").GetString()));
        }

        using HttpResponseMessage health = await _client.GetAsync(new Uri(_server!.BaseAddress, "health"));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var retriever = new HttpRetriever(_server.BaseAddress.ToString());
        var hits = await retriever.SearchAsync(["Iowa highway"], 1);
        Assert.Equal("3", _index.Passages.First(p => p.Contents == hits[0][0].Contents).Id);
    }

    [Fact]
    public async Task Errors_name_the_field_and_what_was_expected()
    {
        using HttpResponseMessage response = await _client.PostAsync(Retrieve,
            new StringContent("{\"queries\": [\"ok\", 7]}", Encoding.UTF8, "application/json"));
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        JsonElement error = json.RootElement.GetProperty("error");
        Assert.Equal("queries[1]", error.GetProperty("field").GetString());
        Assert.Contains("expected a string", error.GetProperty("message").GetString());
    }
}
