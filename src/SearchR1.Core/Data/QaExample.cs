using System.Text.Json.Nodes;

namespace SearchR1.Core.Data;

/// <summary>
/// One question with its acceptable answers, from any of the QA formats (Search-R1 parquet, FlashRAG jsonl, JSON
/// lists of {question, answer}).
/// </summary>
public sealed record QaExample
{
    /// <summary>The row's id (FlashRAG "test_0"); made from the split and index where the file has none.</summary>
    public required string Id { get; init; }

    /// <summary>The question as stored (not yet normalised: see <c>PromptTemplates.NormalizeQuestion</c>).</summary>
    public required string Question { get; init; }

    /// <summary>Every acceptable answer (Search-R1's <c>reward_model.ground_truth.target</c>).</summary>
    public required IReadOnlyList<string> GoldenAnswers { get; init; }

    /// <summary>The dataset it comes from (nq, hotpotqa, …): the file's field, else taken from the file name.</summary>
    public required string DataSource { get; init; }

    /// <summary>"train", "dev" or "test" where known.</summary>
    public string? Split { get; init; }

    /// <summary>The row's index within its source dataset (Search-R1 <c>extra_info.index</c>) or within the file.</summary>
    public long Index { get; init; }

    /// <summary>The user prompt stored with the row (Search-R1 parquet <c>prompt[0].content</c>), if any.</summary>
    public string? Prompt { get; init; }

    /// <summary>Search-R1's <c>ability</c> ("fact-reasoning"), if stored.</summary>
    public string? Ability { get; init; }

    /// <summary>
    /// Anything else the row carries: FlashRAG's <c>metadata</c> object, or, where a row has no such field, its
    /// other fields (e.g. HotpotQA's type, level, context).
    /// </summary>
    public JsonObject? Metadata { get; init; }
}
