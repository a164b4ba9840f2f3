using SearchR1.Core.Data;
using SearchR1.Core.Protocol;
using SearchR1.Training.Configuration;
using SearchR1.Training.Ppo;

namespace SearchR1.Training.Data;

/// <summary>
/// The questions of a run, read with the foundation's QA readers (Search-R1 parquet, FlashRAG jsonl, JSON lists).
/// A parquet row brings its own prompt; other rows get data.prompt_template around the question. Ids are the
/// row's position across all training files, so GRPO groups never collide across merged datasets.
/// </summary>
public sealed record TrainingData(IReadOnlyList<TrainingPrompt> Train, IReadOnlyList<TrainingPrompt> Validation)
{
    public static TrainingData Load(TrainingConfig config, CancellationToken ct = default) =>
        LoadAsync(config, ct).GetAwaiter().GetResult();

    public static async Task<TrainingData> LoadAsync(TrainingConfig config, CancellationToken ct = default)
    {
        var kind = config.Data.PromptTemplate == "r1" ? PromptTemplateKind.R1 : PromptTemplateKind.SearchR1;
        var train = await ReadAsync(config.Data.TrainFiles, kind, ct).ConfigureAwait(false);
        var validation = await ReadAsync(config.Data.ValFiles, kind, ct).ConfigureAwait(false);
        if (config.Data.ValMaxExamples > 0)
        {
            validation = validation.Take(config.Data.ValMaxExamples).ToList();
        }
        return new TrainingData(train, validation);
    }

    private static async Task<List<TrainingPrompt>> ReadAsync(IEnumerable<string> files, PromptTemplateKind kind, CancellationToken ct)
    {
        var prompts = new List<TrainingPrompt>();
        foreach (string file in files)
        {
            foreach (QaExample example in await QaDatasetReader.ReadAsync(file, cancellationToken: ct).ConfigureAwait(false))
            {
                string prompt = example.Prompt ?? PromptTemplates.Build(kind, example.Question);
                prompts.Add(new TrainingPrompt(prompts.Count, prompt, example.GoldenAnswers, example.DataSource));
            }
        }
        return prompts;
    }
}
