using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using SearchR1.Modeling.Configuration;
using SearchR1.Modeling.Generation;
using SearchR1.Modeling.Transformer;
using SearchR1.Torch;
using Spectre.Console;
using static TorchSharp.torch;

namespace SearchR1.Cli.Commands;

/// <summary>`searchr1 bench generate`: batched KV-cache generation speed on random weights of a named model shape.</summary>
internal static class BenchGenerateCommand
{
    public static Command Create()
    {
        var shape = new Option<string>("--shape")
        {
            Description = $"Model shape: {string.Join(", ", ModelShapes.All.Keys)}.",
            DefaultValueFactory = _ => "qwen2.5-0.5b",
        };
        var batch = new Option<int>("--batch", "-b") { Description = "Sequences generated together.", DefaultValueFactory = _ => 8 };
        var promptLength = new Option<int>("--prompt-len") { Description = "Prompt tokens per sequence.", DefaultValueFactory = _ => 256 };
        var newTokens = new Option<int>("--new-tokens") { Description = "Tokens generated per sequence (EOS ignored).", DefaultValueFactory = _ => 256 };
        var layers = new Option<int?>("--layers") { Description = "Override the shape's layer count (quick CPU runs)." };
        var greedy = new Option<bool>("--greedy") { Description = "Greedy decoding instead of sampling at temperature 1." };
        var json = new Option<bool>("--json") { Description = "Print the figures as one JSON object." };
        var threads = new Option<int?>("--threads") { Description = "CPU threads for libtorch (default: its own choice; 1 is far faster on a busy machine)." };
        Option<string> dtype = ModelCommandSupport.DTypeOption("auto");
        Option<string> device = ModelCommandSupport.DeviceOption();
        var command = new Command(
            "generate",
            "Measure batched generation (prefill + KV-cache decode) on random weights: tokens/s and memory.\n" +
            "Example: searchr1 bench generate --shape qwen2.5-3b --batch 256 --prompt-len 256 --new-tokens 256 --device cuda\n" +
            "Example: searchr1 bench generate --shape qwen2.5-0.5b --layers 4 --batch 4 --prompt-len 64 --new-tokens 32 --device cpu");
        foreach (Option option in new Option[] { shape, batch, promptLength, newTokens, layers, greedy, json, threads, dtype, device })
        {
            command.Options.Add(option);
        }
        command.SetAction((parseResult, _) => ModelCommandSupport.Run("bench generate", () =>
        {
            ModelConfig config = ModelShapes.Get(parseResult.GetValue(shape)!);
            if (parseResult.GetValue(layers) is { } layerCount)
            {
                config = config with { NumLayers = layerCount };
            }
            int b = parseResult.GetValue(batch), p = parseResult.GetValue(promptLength), n = parseResult.GetValue(newTokens);
            if (b < 1 || p < 1 || n < 2)
            {
                throw new ArgumentException("--batch and --prompt-len must be ≥ 1 and --new-tokens ≥ 2.");
            }
            Device dev = TorchRuntime.ResolveDevice(parseResult.GetValue(device));
            if (parseResult.GetValue(threads) is { } threadCount)
            {
                set_num_threads(threadCount);
            }
            ScalarType type = ModelCommandSupport.ResolveDType(parseResult.GetValue(dtype)!, dev);
            var sampling = parseResult.GetValue(greedy) ? SamplingOptions.Greedy : new SamplingOptions { Temperature = 1.0, Seed = 1 };

            var status = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            status.MarkupLine($"[grey]bench generate: {Markup.Escape(config.ToString())}; {type} on {dev}; batch {b}, prompt {p}, new {n}[/]");
            using var model = new CausalLanguageModel(config, dev, type) { ComputeType = type };
            model.InitializeRandom(0.02, new Generator(1, dev));
            long parameterBytes = model.parameters().Sum(t => t.numel() * t.element_size());

            var random = new Random(1);
            int[][] prompts = Enumerable.Range(0, b).Select(_ => Enumerable.Range(0, p).Select(_ => random.Next(config.VocabSize)).ToArray()).ToArray();
            // Warm-up: the first calls pay for kernel selection and allocator growth.
            TextGenerator.Generate(model, prompts.Take(Math.Min(b, 2)).ToArray(), 4, sampling, eosTokenIds: []);

            using var session = GenerationSession.Start(model, prompts, sampling, p + n, eosTokenIds: []);
            int[] rows = Enumerable.Range(0, b).ToArray();
            var clock = Stopwatch.StartNew();
            session.Generate(rows, 1);                 // prefill + first token
            Synchronize(dev);
            double prefill = clock.Elapsed.TotalSeconds;
            clock.Restart();
            session.Generate(rows, n - 1);             // decode
            Synchronize(dev);
            double decode = clock.Elapsed.TotalSeconds;
            long cacheBytes = session.CacheBytes;
            long peakResident = Process.GetCurrentProcess().PeakWorkingSet64;

            double total = prefill + decode;
            var figures = new JsonObject
            {
                ["shape"] = parseResult.GetValue(shape),
                ["layers"] = config.NumLayers,
                ["device"] = dev.ToString(),
                ["threads"] = get_num_threads(),
                ["dtype"] = type.ToString(),
                ["batch"] = b,
                ["prompt_len"] = p,
                ["new_tokens"] = n,
                ["sampling"] = sampling.IsGreedy ? "greedy" : "temperature 1",
                ["prefill_s"] = Math.Round(prefill, 4),
                ["decode_s"] = Math.Round(decode, 4),
                ["tokens_per_s"] = Math.Round(b * (double)n / total, 1),
                ["decode_tokens_per_s"] = Math.Round(b * (double)(n - 1) / decode, 1),
                ["ms_per_decode_step"] = Math.Round(1000 * decode / (n - 1), 3),
                ["parameter_bytes"] = parameterBytes,
                ["kv_cache_bytes"] = cacheBytes,
                ["peak_resident_bytes"] = peakResident,
            };
            if (parseResult.GetValue(json))
            {
                Console.Out.WriteLine(figures.ToJsonString());
            }
            else
            {
                var c = CultureInfo.InvariantCulture;
                Console.Out.WriteLine(string.Create(c, $"{figures["shape"]} ({config.NumLayers} layers) {type} on {dev}, batch {b}, prompt {p}, new {n}, {figures["sampling"]}"));
                Console.Out.WriteLine(string.Create(c, $"  generated tokens/s (prefill + decode): {figures["tokens_per_s"]}"));
                Console.Out.WriteLine(string.Create(c, $"  decode tokens/s: {figures["decode_tokens_per_s"]}  ({figures["ms_per_decode_step"]} ms per step)"));
                Console.Out.WriteLine(string.Create(c, $"  prefill: {prefill:F3} s  decode: {decode:F3} s"));
                Console.Out.WriteLine(string.Create(c, $"  memory: parameters {parameterBytes / 1e9:F2} GB, KV cache {cacheBytes / 1e9:F2} GB, peak process RSS {peakResident / 1e9:F2} GB (TorchSharp exposes no CUDA memory statistics)"));
            }
            return 0;
        }));
        return command;
    }

    private static void Synchronize(Device device)
    {
        if (device.type == TorchSharp.DeviceType.CUDA)
        {
            cuda.synchronize(device);
        }
    }
}
