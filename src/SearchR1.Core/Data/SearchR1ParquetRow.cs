using System.Text.Json.Serialization;

namespace SearchR1.Core.Data;

/// <summary>
/// The row layout Search-R1's data scripts write (SPEC §1.2), column for column in their order, for writing with
/// Parquet.Net. Everything is nullable, as pyarrow writes it.
/// </summary>
internal sealed class SearchR1ParquetRow
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("question")]
    public string? Question { get; set; }

    [JsonPropertyName("golden_answers")]
    public List<string>? GoldenAnswers { get; set; }

    [JsonPropertyName("data_source")]
    public string? DataSource { get; set; }

    [JsonPropertyName("prompt")]
    public List<Message>? Prompt { get; set; }

    [JsonPropertyName("ability")]
    public string? Ability { get; set; }

    [JsonPropertyName("reward_model")]
    public RewardModel? Reward { get; set; }

    [JsonPropertyName("extra_info")]
    public ExtraInfo? Extra { get; set; }

    internal sealed class Message
    {
        [JsonPropertyName("role")]
        public string? Role { get; set; }

        [JsonPropertyName("content")]
        public string? Content { get; set; }
    }

    internal sealed class RewardModel
    {
        [JsonPropertyName("style")]
        public string? Style { get; set; }

        [JsonPropertyName("ground_truth")]
        public GroundTruth? Truth { get; set; }
    }

    internal sealed class GroundTruth
    {
        [JsonPropertyName("target")]
        public List<string>? Target { get; set; }
    }

    internal sealed class ExtraInfo
    {
        [JsonPropertyName("split")]
        public string? Split { get; set; }

        [JsonPropertyName("index")]
        public long? Index { get; set; }
    }
}
