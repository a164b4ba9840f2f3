using System.Text.Json;
using SearchR1.Retrieval.Http;

namespace SearchR1.Retrieval.Tests.Http;

public sealed class RetrievalApiTests
{
    [Fact]
    public void The_request_is_the_body_the_original_trainer_sends()
    {
        Assert.Equal("{\"queries\":[\"a\",\"b\"],\"topk\":3,\"return_scores\":true}", RetrievalApi.FormatRequest(["a", "b"], 3, true));
    }

    [Fact]
    public void A_dense_server_answer_with_whole_corpus_rows_is_read()
    {
        string body = "{\"result\": [[{\"document\": {\"id\": \"12\", \"contents\": \"\\\"Paul Walker\\\"\\nactor\"}, \"score\": 0.83}]]}";

        var hits = RetrievalApi.ParseResponse(JsonDocument.Parse(body).RootElement, 1, "test");

        RetrievedPassage hit = hits[0][0];
        Assert.Equal(("12", "Paul Walker", "actor", "\"Paul Walker\"\nactor"), (hit.Id, hit.Title, hit.Text, hit.Contents));
        Assert.Equal(0.83, hit.Score, 10);
    }

    [Fact]
    public void Bare_documents_without_scores_and_title_text_documents_are_read()
    {
        string body = "{\"result\": [[{\"contents\": \"\\\"A\\\"\\nx\"}], [{\"document\": {\"title\": \"B\", \"text\": \"y\"}}]]}";

        var hits = RetrievalApi.ParseResponse(JsonDocument.Parse(body).RootElement, 2, "test");

        Assert.Equal("A", hits[0][0].Title);
        Assert.True(double.IsNaN(hits[0][0].Score));
        Assert.Equal("\"B\"\ny", hits[1][0].Contents);
    }

    [Theory]
    [InlineData("{\"results\": []}", "field 'result'")]
    [InlineData("{\"result\": [[]]}", "expected 2 per-query lists")]
    [InlineData("{\"result\": [[{\"document\": {\"x\": 1}}], []]}", "expected \"contents\"")]
    public void A_malformed_answer_is_refused_with_what_was_expected(string body, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => RetrievalApi.ParseResponse(JsonDocument.Parse(body).RootElement, 2, "http://x/retrieve"));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_url_without_a_path_gets_the_retrieve_endpoint()
    {
        using var client = new HttpRetriever("http://127.0.0.1:8000");
        using var explicitPath = new HttpRetriever("http://127.0.0.1:8000/retrieve");

        Assert.Equal("http://127.0.0.1:8000/retrieve", client.Endpoint.ToString());
        Assert.Equal(client.Endpoint, explicitPath.Endpoint);
        Assert.Throws<ArgumentException>(() => new HttpRetriever("not a url"));
    }
}
