using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using SearchR1.Modeling.Tokenization;

namespace SearchR1.Cli.Commands;

/// <summary>`searchr1 bench tokenize`: encode / decode throughput of a tokenizer folder over real text.</summary>
internal static class BenchTokenizeCommand
{
    public static Command Create()
    {
        var tokenizerOption = new Option<string>("--tokenizer")
        {
            Description = "Tokenizer folder.",
            Required = true,
        };
        var inputOption = new Option<string>("--input", "-i")
        {
            Description = "Text to tokenize: JSON lines (the --field of each line) or a plain text file (one text per line).",
            Required = true,
        };
        var fieldOption = new Option<string>("--field")
        {
            Description = "Field of each JSON line to tokenize.",
            DefaultValueFactory = _ => "contents",
        };
        var repeatOption = new Option<int>("--repeat")
        {
            Description = "Passes over the input per measurement (more passes, steadier figures).",
            DefaultValueFactory = _ => 3,
        };
        var command = new Command(
            "tokenize",
            "Measure tokenizer throughput (tokens/s encoding on one thread and on all cores, decoding on one thread).\n" +
            "Example: searchr1 bench tokenize --tokenizer ../shared/data/tokenizers/qwen2 --input ../shared/data/corpus/wiki18-sample1000.jsonl");
        command.Options.Add(tokenizerOption);
        command.Options.Add(inputOption);
        command.Options.Add(fieldOption);
        command.Options.Add(repeatOption);
        command.SetAction((parseResult, cancellationToken) => Task.FromResult(JsonLines.Guarded("bench tokenize", null, () =>
        {
                string folder = parseResult.GetValue(tokenizerOption)!;
                var loadClock = Stopwatch.StartNew();
                HfTokenizer tokenizer = HfTokenizer.Load(folder);
                double loadSeconds = loadClock.Elapsed.TotalSeconds;
                List<string> texts = ReadTexts(parseResult.GetValue(inputOption)!, parseResult.GetValue(fieldOption)!);
                int repeat = Math.Max(1, parseResult.GetValue(repeatOption));
                long chars = texts.Sum(t => (long)t.Length);

                // Warm-up passes (tiered JIT reaches optimised code, the engines' caches fill), then measure.
                int[][] ids = texts.Select(tokenizer.Encode).ToArray();
                long tokens = ids.Sum(i => (long)i.Length);
                for (int warm = 0; warm < 2; warm++)
                {
                    foreach (string text in texts)
                    {
                        tokenizer.Encode(text);
                    }
                    foreach (int[] sequence in ids)
                    {
                        tokenizer.Decode(sequence);
                    }
                }

                var clock = Stopwatch.StartNew();
                for (int r = 0; r < repeat; r++)
                {
                    foreach (string text in texts)
                    {
                        tokenizer.Encode(text);
                    }
                }
                double encodeSeconds = clock.Elapsed.TotalSeconds / repeat;

                clock.Restart();
                for (int r = 0; r < repeat; r++)
                {
                    Parallel.ForEach(texts, text => tokenizer.Encode(text));
                }
                double parallelSeconds = clock.Elapsed.TotalSeconds / repeat;

                clock.Restart();
                for (int r = 0; r < repeat; r++)
                {
                    foreach (int[] sequence in ids)
                    {
                        tokenizer.Decode(sequence);
                    }
                }
                double decodeSeconds = clock.Elapsed.TotalSeconds / repeat;

                string F(double v) => v.ToString("N0", CultureInfo.InvariantCulture);
                Console.WriteLine($"tokenizer      {folder} ({tokenizer.Engine}, vocabulary {tokenizer.VocabularySize:N0}), loaded in {loadSeconds:F2} s");
                Console.WriteLine($"input          {texts.Count:N0} texts, {chars:N0} chars, {tokens:N0} tokens ({(double)chars / tokens:F2} chars/token)");
                Console.WriteLine($"encode 1 thread   {F(tokens / encodeSeconds)} tokens/s  ({F(chars / encodeSeconds)} chars/s)");
                Console.WriteLine($"encode {Environment.ProcessorCount} threads  {F(tokens / parallelSeconds)} tokens/s");
                Console.WriteLine($"decode 1 thread   {F(tokens / decodeSeconds)} tokens/s");
                return 0;
        })));
        return command;
    }

    private static List<string> ReadTexts(string path, string field)
    {
        var texts = new List<string>();
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            if (line.TrimStart().StartsWith('{'))
            {
                JsonNode? node = JsonNode.Parse(line);
                texts.Add(node?[field]?.GetValue<string>()
                    ?? throw new InvalidDataException($"{path}, line {lineNumber}: field \"{field}\" is missing or not a string (choose one with --field)."));
            }
            else
            {
                texts.Add(line);
            }
        }
        return texts;
    }
}
