using System.CommandLine;
using SearchR1.Core.Data;
using SearchR1.Retrieval.Dense;
using static SearchR1.Cli.Commands.RetrievalCommandSupport;

namespace SearchR1.Cli.Commands;

/// <summary><c>searchr1 index dense</c>: embed a corpus with an ONNX encoder into a flat inner-product index.</summary>
internal static class IndexDenseCommand
{
    public static Command Create()
    {
        var corpus = new Option<FileInfo>("--corpus") { Description = "Corpus jsonl (Search-R1 or BEIR rows); row i becomes vector i.", Required = true };
        var encoder = new Option<DirectoryInfo>("--encoder") { Description = "Encoder folder: model.onnx + vocab.txt or tokenizer.json (E5, BGE, …).", Required = true };
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "Index folder to create (replaced atomically if it holds an index).", Required = true };
        var config = new Option<FileInfo?>("--config") { Description = "JSON file with encoder settings (EncoderOptions: queryPrefix, passagePrefix, pooling, normalize, maxLength, batchSize, threads)." };
        var dtype = new Option<string>("--dtype") { Description = "Stored vector type: float32 or float16 (half the size).", DefaultValueFactory = _ => "float32" };
        var pooling = new Option<string?>("--pooling") { Description = "mean (e5) or cls (bge); default from the model name." };
        var maxLength = new Option<int?>("--max-length") { Description = "Tokens per passage (default 256, as the original)." };
        var batchSize = new Option<int?>("--batch-size") { Description = "Texts per ONNX Runtime call (default 64)." };
        var faiss = new Option<FileInfo?>("--faiss") { Description = "Import an existing FAISS IndexFlatIP file (e.g. the original's e5_Flat.index) instead of embedding; it is memory-mapped in place." };

        var command = new Command("dense",
            "Build a dense index: embed every passage (\"passage: \" + contents for e5) with an ONNX encoder, store the vectors " +
            "as .npy (float32/float16) and the passages in row order. Or wrap an existing FAISS IndexFlatIP file with --faiss.\n\n" +
            "Examples:\n  searchr1 index dense --corpus wiki-18.jsonl --encoder models/e5-base-v2-onnx --out indexes/wiki18-e5 --dtype float16\n" +
            "  searchr1 index dense --corpus wiki-18.jsonl --encoder models/e5-base-v2-onnx --faiss e5_Flat.index --out indexes/wiki18-e5-faiss");
        foreach (Option option in new Option[] { corpus, encoder, output, config, dtype, pooling, maxLength, batchSize, faiss })
        {
            command.Options.Add(option);
        }
        command.SetAction(async (parseResult, ct) =>
        {
            try
            {
                string encoderPath = parseResult.GetValue(encoder)!.FullName;
                string? configPath = parseResult.GetValue(config)?.FullName;
                EncoderOptions options = configPath is null ? EncoderOptions.ForModel(encoderPath) : LoadConfig<EncoderOptions>(configPath);
                options = options with
                {
                    Pooling = parseResult.GetValue(pooling) ?? options.Pooling,
                    MaxLength = parseResult.GetValue(maxLength) ?? options.MaxLength,
                    BatchSize = parseResult.GetValue(batchSize) ?? options.BatchSize,
                };
                string corpusPath = parseResult.GetValue(corpus)!.FullName;
                string outputPath = parseResult.GetValue(output)!.FullName;
                FileInfo? faissFile = parseResult.GetValue(faiss);
                long count;
                if (faissFile is not null)
                {
                    count = await WithPassageProgressAsync("FAISS import", progress =>
                        DenseIndexBuilder.ImportFaiss(faissFile.FullName, CorpusReader.Read(corpusPath), outputPath, encoderPath, options, progress, ct, corpusPath)).ConfigureAwait(false);
                }
                else
                {
                    using var onnx = new OnnxTextEncoder(encoderPath, options);
                    var builder = new DenseIndexBuilder(onnx, VectorDTypes.Parse(parseResult.GetValue(dtype)!), Math.Max(options.BatchSize, 64));
                    count = await WithPassageProgressAsync("Dense", progress =>
                        builder.Build(CorpusReader.Read(corpusPath), outputPath, encoderPath, options, progress, ct, corpusPath)).ConfigureAwait(false);
                }
                Console.WriteLine($"{count} passages indexed into {outputPath}");
                return 0;
            }
            catch (Exception e) when (e is IOException or InvalidDataException or FormatException or ArgumentException or UnauthorizedAccessException
                or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
            {
                return Fail(e);
            }
        });
        return command;
    }
}
