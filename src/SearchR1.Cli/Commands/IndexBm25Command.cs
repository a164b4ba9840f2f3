using System.CommandLine;
using SearchR1.Retrieval.Bm25;
using static SearchR1.Cli.Commands.RetrievalCommandSupport;

namespace SearchR1.Cli.Commands;

/// <summary><c>searchr1 index bm25</c>: a Lucene BM25 index over a corpus, as pyserini builds it.</summary>
internal static class IndexBm25Command
{
    public static Command Create()
    {
        var corpus = new Option<FileInfo>("--corpus") { Description = "Corpus jsonl: Search-R1 {\"id\", \"contents\"} or BEIR {\"_id\", \"title\", \"text\"}.", Required = true };
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "Index folder to create (replaced atomically if it holds an index).", Required = true };
        var config = new Option<FileInfo?>("--config") { Description = "JSON file with BM25 settings (Bm25Options: k1, b, analyzer, multifield, ramBufferMb, forceMerge)." };
        var k1 = new Option<float>("--k1") { Description = "BM25 k1 (pyserini: 0.9).", DefaultValueFactory = _ => 0.9f };
        var b = new Option<float>("--b") { Description = "BM25 b (pyserini: 0.4).", DefaultValueFactory = _ => 0.4f };
        var analyzer = new Option<string>("--analyzer") { Description = "english (Anserini's default) or standard.", DefaultValueFactory = _ => "english" };
        var multifield = new Option<bool>("--multifield") { Description = "Also index title and text as separate fields (pyserini bm25-multifield)." };
        var forceMerge = new Option<bool>("--force-merge") { Description = "Merge into one segment at the end (slower build, faster search)." };

        var command = new Command("bm25",
            "Build a BM25 index (Lucene, k1 = 0.9, b = 0.4, English analyzer: pyserini's defaults). Streams the corpus in " +
            "constant memory and writes atomically.\n\nExample:\n  searchr1 index bm25 --corpus wiki-18.jsonl --out indexes/wiki18-bm25");
        foreach (Option option in new Option[] { corpus, output, config, k1, b, analyzer, multifield, forceMerge })
        {
            command.Options.Add(option);
        }
        command.SetAction(async (parseResult, ct) =>
        {
            try
            {
                Bm25Options options = LoadConfig<Bm25Options>(parseResult.GetValue(config)?.FullName);
                options = options with
                {
                    K1 = Given(parseResult, k1) ? parseResult.GetValue(k1) : options.K1,
                    B = Given(parseResult, b) ? parseResult.GetValue(b) : options.B,
                    Analyzer = Given(parseResult, analyzer) ? parseResult.GetValue(analyzer)! : options.Analyzer,
                    Multifield = parseResult.GetValue(multifield) || options.Multifield,
                    ForceMerge = parseResult.GetValue(forceMerge) || options.ForceMerge,
                };
                string corpusPath = parseResult.GetValue(corpus)!.FullName;
                string outputPath = parseResult.GetValue(output)!.FullName;
                var builder = new Bm25IndexBuilder(options);
                long count = await WithPassageProgressAsync("BM25", progress => builder.BuildFromFile(corpusPath, outputPath, progress, ct)).ConfigureAwait(false);
                Console.WriteLine($"{count} passages indexed into {outputPath}");
                return 0;
            }
            catch (Exception e) when (e is IOException or InvalidDataException or FormatException or ArgumentException or UnauthorizedAccessException)
            {
                return Fail(e);
            }
        });
        return command;
    }
}
