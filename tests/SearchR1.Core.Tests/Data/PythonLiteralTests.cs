using SearchR1.Core.Data;

namespace SearchR1.Core.Tests.Data;

public class PythonLiteralTests
{
    [Fact]
    public void Reprs_of_structs_lists_and_numpy_arrays_parse()
    {
        var value = (Dictionary<string, object?>)PythonLiteral.Parse(
            "{'ground_truth': {'target': array([\"Destiny's Child\", 'Solange Knowles'], dtype=object)}, 'style': 'rule', 'n': -3, 'ok': True, 'x': None}")!;
        var truth = (Dictionary<string, object?>)value["ground_truth"]!;
        Assert.Equal(["Destiny's Child", "Solange Knowles"], (List<object?>)truth["target"]!);
        Assert.Equal("rule", value["style"]);
        Assert.Equal(-3L, value["n"]);
        Assert.Equal(true, value["ok"]);
        Assert.Null(value["x"]);
    }

    [Fact]
    public void Numpy_lists_without_commas_and_escapes_parse()
    {
        Assert.Equal(["Destiny's Child", "Solange Knowles"], (List<object?>)PythonLiteral.Parse("[\"Destiny's Child\" 'Solange Knowles']")!);
        Assert.Equal("February\u00a01,\u00a02018 \\ 'q' \n é \U0001F600", PythonLiteral.Parse("'February\\xa01,\\xa02018 \\\\ \\'q\\' \\n \\u00e9 \\U0001f600'"));
    }

    [Theory]
    [InlineData("['unclosed")]
    [InlineData("{'a' 1}")]
    [InlineData("[1] trailing")]
    [InlineData("open('file')x")]
    public void Malformed_literals_say_what_was_expected_and_where(string text)
    {
        var error = Assert.Throws<FormatException>(() => PythonLiteral.Parse(text));
        Assert.Matches("^expected .* at character \\d+ of the Python literal$", error.Message);
    }
}
