namespace SearchR1.Training.Ppo;

/// <summary>One question as the trainer sees it.</summary>
/// <param name="Id">Globally unique across every training file: the GRPO group id of its samples.</param>
/// <param name="Prompt">The user message (the Search-R1 template around the question).</param>
/// <param name="GoldenAnswers">Acceptable answers (reward_model.ground_truth.target).</param>
/// <param name="DataSource">nq, hotpotqa, … (metrics are also reported per source).</param>
public sealed record TrainingPrompt(long Id, string Prompt, IReadOnlyList<string> GoldenAnswers, string DataSource);
