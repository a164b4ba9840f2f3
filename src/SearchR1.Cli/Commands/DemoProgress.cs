using SearchR1.Demo.Base;
using SearchR1.Demo.Pipeline;
using Spectre.Console;

namespace SearchR1.Cli.Commands;

/// <summary>Live progress of `searchr1 demo` on stderr: one bar per stage, with the figures that matter.</summary>
internal sealed class DemoProgress(IAnsiConsole console)
{
    public async Task<T> RunAsync<T>(Func<IDemoReporter, Task<T>> run) =>
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context => await run(new Reporter(console, context)));

    private sealed class Reporter(IAnsiConsole console, ProgressContext context) : IDemoReporter
    {
        private readonly Dictionary<string, ProgressTask> _tasks = new();

        public void Stage(string name) => console.MarkupLine($"[bold]{Markup.Escape(name)}[/]");

        public void Message(string text) => console.MarkupLine($"  [grey]{Markup.Escape(text)}[/]");

        public void Pretraining(PretrainingProgress progress)
        {
            ProgressTask task = Task("pretraining", progress.TotalSteps);
            task.Value = progress.Step;
            task.Description = $"pretraining  loss {progress.Loss:F3}";
        }

        public void RlStep(int step, int totalSteps, IReadOnlyDictionary<string, double> metrics)
        {
            ProgressTask task = Task("rl", totalSteps);
            task.Value = step;
            string reward = metrics.TryGetValue("train/em", out double r) ? $"EM {r:F2}" : "";
            string searches = metrics.TryGetValue("env/number_of_valid_search", out double s) ? $"searches {s:F2}" : "";
            string seconds = metrics.TryGetValue("timing_s/step", out double t) ? $"{t:F0} s/step" : "";
            task.Description = $"RL  {reward}  {searches}  {seconds}".TrimEnd();
        }

        public void Evaluation(string label, int done, int total)
        {
            ProgressTask task = Task("eval " + label, total);
            task.Value = done;
        }

        private ProgressTask Task(string key, double total)
        {
            if (!_tasks.TryGetValue(key, out ProgressTask? task))
            {
                task = context.AddTask(key, maxValue: Math.Max(1, total));
                _tasks[key] = task;
            }
            task.MaxValue = Math.Max(1, total);
            return task;
        }
    }
}
