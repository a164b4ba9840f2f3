using SearchR1.Evaluation.Policies;

namespace SearchR1.Evaluation.Tests.Policies;

public class OpenAiEndpointOptionsTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8001", "http://127.0.0.1:8001/v1")]
    [InlineData("http://127.0.0.1:8001/", "http://127.0.0.1:8001/v1")]
    [InlineData("http://127.0.0.1:8001/v1", "http://127.0.0.1:8001/v1")]
    [InlineData("http://host/v1/", "http://host/v1")]
    public void The_base_url_ends_with_exactly_one_v1(string given, string expected)
    {
        var options = new OpenAiEndpointOptions(new Uri(given));
        Assert.Equal(expected, options.BaseV1.ToString().TrimEnd('/'));
    }
}
