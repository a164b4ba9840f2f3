namespace SearchR1.Core.Data;

/// <summary>The QA file formats <see cref="QaDatasetReader"/> understands.</summary>
public enum QaDatasetFormat
{
    /// <summary>Search-R1's training/evaluation parquet (SPEC §1.2).</summary>
    SearchR1Parquet,

    /// <summary>FlashRAG jsonl: one <c>{"id", "question", "golden_answers", "metadata"?}</c> object per line.</summary>
    FlashRagJsonl,

    /// <summary>Search-R1 rows saved by pandas as CSV, structs and lists as Python reprs.</summary>
    SearchR1Csv,

    /// <summary>A JSON array of <c>{"question", "answer"}</c> objects, the answer a string or a list.</summary>
    JsonList,
}
