using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SearchR1.Core.Data;
using SearchR1.Modeling.Checkpoints;
using SearchR1.Training.Checkpointing;
using SearchR1.Training.Metrics;
using SearchR1.Training.Tests.Support;
using SearchR1.TestSupport;
using static TorchSharp.torch;

namespace SearchR1.Training.Tests.Run;

/// <summary>
/// The CLI as a user runs it: a run killed with SIGKILL and resumed with --resume writes the same metrics as an
/// uninterrupted run; Ctrl-C (SIGINT) saves a checkpoint and exits with 130.
/// </summary>
public sealed class KillAndResumeTests : IDisposable
{
    private readonly string _root = TinyModels.TemporaryFolder("searchr1-train-cli");
    private readonly string _model;
    private readonly string _config;

    public KillAndResumeTests()
    {
        // The toy task (answer "gold"), as Search-R1 parquet rows that carry their own prompt, and FlashRAG jsonl
        // for validation (the Search-R1 template is put around those questions).
        _model = ToyModels.RandomColorAnswerer(seed: 9);
        string train = Path.Combine(_root, "toy.train.parquet");
        string val = Path.Combine(_root, "toy.test.jsonl");
        QaDatasetWriter.WriteSearchR1ParquetAsync(train, Enumerable.Range(0, 8).Select(i => new QaExample
        {
            Id = $"train_{i}", Question = "Pick gold", GoldenAnswers = ["gold"], DataSource = "toy", Index = i,
            Prompt = ToyModels.ColorPrompt("gold"),
        }), defaultSplit: "train").GetAwaiter().GetResult();
        File.WriteAllLines(val, Enumerable.Range(0, 2).Select(i => JsonSerializer.Serialize(new
        {
            id = $"test_{i}", question = "Pick gold", golden_answers = new[] { "gold" },
        })));
        _config = Path.Combine(_root, "run.yaml");
        File.WriteAllText(_config, $"""
            data:
              train_files: [{train}]
              val_files: [{val}]
              train_batch_size: 4
              val_batch_size: 2
            actor:
              model_path: {_model}
              mini_batch_size: 2
              micro_batch_size: 2
              gradient_checkpointing: false
            critic:
              micro_batch_size: 4
              gradient_checkpointing: false
            reference:
              dtype: fp32
            rollout:
              max_turns: 0
              max_response_length: 4
            optimizer:
              actor_lr: 1.0e-3
              critic_lr: 1.0e-3
            trainer:
              total_steps: 6
              test_freq: 2
              save_freq: 1
              max_checkpoints: 0
              device: cpu
              seed: 5
            """);
    }

    private string[] Train(string output, bool resume = false) =>
        resume
            ? ["train", "--config", _config, "--set", $"trainer.output_dir={output}", "--resume"]
            : ["train", "--config", _config, "--set", $"trainer.output_dir={output}"];

    [Fact]
    public void A_run_killed_with_sigkill_and_resumed_logs_the_same_metrics_as_an_uninterrupted_run()
    {
        string whole = Path.Combine(_root, "whole"), killed = Path.Combine(_root, "killed");
        Assert.True(CliProcess.Run(TimeSpan.FromMinutes(3), Train(whole)) == 0, CliProcess.Output.ToString());

        using (var child = CliProcess.Start(Train(killed)))
        {
            string marker = Path.Combine(killed, "checkpoints", "step_2", TrainerState.FileName);
            var clock = Stopwatch.StartNew();
            while (!File.Exists(marker) && !child.HasExited && clock.Elapsed < TimeSpan.FromMinutes(2))
            {
                Thread.Sleep(10);
            }
            Assert.False(child.HasExited, "the run finished before it could be killed:\n" + CliProcess.Output);
            child.Kill(entireProcessTree: true); // SIGKILL: no handler runs
            child.WaitForExit();
        }
        Assert.False(File.Exists(Path.Combine(killed, "curves.png")));
        Assert.True(CliProcess.Run(TimeSpan.FromMinutes(3), Train(killed, resume: true)) == 0, CliProcess.Output.ToString());

        // libtorch's CPU kernels are not bit-for-bit reproducible across processes here (about 1e-7 relative in a
        // forward pass), so every metric must agree to 1e-4 relative rather than exactly.
        var expected = MetricsLog.Read(Path.Combine(whole, "metrics.jsonl"));
        var actual = MetricsLog.Read(Path.Combine(killed, "metrics.jsonl"));
        Assert.Equal(6 + 4, expected.Count); // 6 steps; validation before, after steps 2 and 4, and at the end
        Assert.Equal(expected.Select(r => (r.Step, r.Phase)), actual.Select(r => (r.Step, r.Phase)));
        for (int i = 0; i < expected.Count; i++)
        {
            var keys = expected[i].Values.Keys.Where(k => !k.StartsWith("timing_s/", StringComparison.Ordinal) && !k.StartsWith("perf/", StringComparison.Ordinal));
            Assert.Equal(keys.Order(), actual[i].Values.Keys.Where(k => !k.StartsWith("timing_s/", StringComparison.Ordinal) && !k.StartsWith("perf/", StringComparison.Ordinal)).Order());
            foreach (string key in keys)
            {
                double a = expected[i].Values[key], b = actual[i].Values[key];
                Assert.True(Math.Abs(a - b) <= 1e-4 * Math.Max(Math.Abs(a), Math.Abs(b)) + 1e-6,
                    $"step {expected[i].Step} {expected[i].Phase} {key}: uninterrupted {a}, resumed {b}");
            }
        }
        Assert.Contains(expected, r => r.Phase == "train" && r.Values["critic/score/mean"] > 0); // real rewards, not all zero
        Assert.True(File.Exists(Path.Combine(killed, "curves.png")));
        Assert.True(Directory.EnumerateFiles(Path.Combine(killed, "tensorboard"), "events.out.tfevents.*", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public void Ctrl_c_saves_a_checkpoint_that_loads_and_exits_cleanly()
    {
        string output = Path.Combine(_root, "interrupted");
        // Far more steps than can finish before the signal: with the configured six, a busy machine could deliver
        // the signal after the last step, and a run that completes rightly exits 0.
        using var child = CliProcess.Start([.. Train(output), "--set", "trainer.total_steps=100000"]);
        string first = Path.Combine(output, "checkpoints", "step_1", TrainerState.FileName);
        var clock = Stopwatch.StartNew();
        while (!File.Exists(first) && !child.HasExited && clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            Thread.Sleep(10);
        }
        Assert.False(child.HasExited, CliProcess.Output.ToString());
        using (var signal = Process.Start("kill", ["-INT", child.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            signal.WaitForExit();
        }
        Assert.True(child.WaitForExit(TimeSpan.FromMinutes(2)), CliProcess.Output.ToString());
        Assert.Equal(130, child.ExitCode);

        string latest = new CheckpointStore(output, 0).Latest() ?? throw new InvalidOperationException("no checkpoint");
        var state = TrainerState.Read(Path.Combine(latest, TrainerState.FileName));
        Assert.InRange(state.Step, 1, 99_999);
        Assert.Equal(state.Step, MetricsLog.Read(Path.Combine(output, "metrics.jsonl")).Where(r => r.Phase == "train").Max(r => r.Step));
        using var actor = HfCheckpoint.LoadCausalLanguageModel(Path.Combine(latest, CheckpointStore.ActorFolder));
        Assert.True(File.Exists(Path.Combine(latest, CheckpointStore.ConfigFile)));
        Assert.True(File.Exists(Path.Combine(latest, CheckpointStore.CriticFolder, "config.json")));
    }

    public void Dispose()
    {
        ToyModels.Delete(_root);
        ToyModels.Delete(_model);
    }
}
