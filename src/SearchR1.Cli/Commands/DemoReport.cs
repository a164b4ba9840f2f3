using SearchR1.Core.Protocol;
using SearchR1.Demo.Pipeline;
using SearchR1.Evaluation.Running;

namespace SearchR1.Cli.Commands;

/// <summary>What `searchr1 demo` prints on stdout when it is done: the table, one trajectory, where things went.</summary>
internal static class DemoReport
{
    public static void Print(DemoResult result)
    {
        DemoSummary s = result.Summary;
        Console.WriteLine();
        Console.WriteLine($"Held-out questions, before and after {s.Steps} {s.Algorithm.ToUpperInvariant()} steps " +
            $"(retrieved-token mask {(s.Masking ? "on" : "off")}), greedy decoding:");
        Console.WriteLine();
        Console.WriteLine("| question kind | n | EM before | EM after | searches/q before | searches/q after | response tokens before | response tokens after |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        Row("single-hop", s.Before.SingleHop, s.After.SingleHop);
        Row("two-hop", s.Before.TwoHop, s.After.TwoHop);
        Console.WriteLine();
        if (result.Example is EvalRecord example)
        {
            Console.WriteLine($"One held-out question after RL ({example.DataSource}, gold: {string.Join(" | ", example.GoldenAnswers)}, EM {example.Em:F0}); " +
                "retrieved text is between >>> and <<< (masked out of the policy loss):");
            Console.WriteLine();
            // An untrained policy can ramble for hundreds of tokens: show the start, which holds the story.
            string response = example.Response.Length > 4000 ? example.Response[..4000] + " …" : example.Response;
            Console.WriteLine(example.Prompt + Mark(response));
            Console.WriteLine();
        }
        Console.WriteLine($"wall {s.WallSeconds:F0} s, peak memory {s.PeakMemoryMb:F0} MB");
        Console.WriteLine($"checkpoint:   {s.Checkpoint}");
        Console.WriteLine($"index:        {s.Index}");
        Console.WriteLine($"curves:       {result.CurvesPng}");
        Console.WriteLine($"TensorBoard:  tensorboard --logdir {result.TensorBoardFolder}");
        Console.WriteLine($"summary:      {result.Files.Summary}");
        Console.WriteLine($"train config: {result.Files.TrainConfig}  (searchr1 train --config {result.Files.TrainConfig})");
        Console.WriteLine($"re-evaluate:  searchr1 eval --model {s.Checkpoint} --index {s.Index} --data {result.Files.TestQuestions} --topk {result.TopK} --max-tokens {result.MaxResponseTokens} --device cpu --out <dir>");
        Console.WriteLine($"try it:       searchr1 ask --model {s.Checkpoint} --index {s.Index} \"{result.Example?.Question ?? "Where was <someone> born?"}\"");
    }

    private static void Row(string kind, KindScores before, KindScores after) =>
        Console.WriteLine($"| {kind} | {after.Questions} | {before.ExactMatch:F2} | {after.ExactMatch:F2} | " +
            $"{before.SearchesPerQuestion:F2} | {after.SearchesPerQuestion:F2} | {before.ResponseTokens:F0} | {after.ResponseTokens:F0} |");

    /// <summary>Marks each &lt;information&gt; span so the reader sees what the retriever wrote, not the model.</summary>
    public static string Mark(string response) =>
        response.Replace(ProtocolText.InformationOpen, ">>>" + ProtocolText.InformationOpen, StringComparison.Ordinal)
            .Replace(ProtocolText.InformationClose, ProtocolText.InformationClose + "<<<", StringComparison.Ordinal);
}
