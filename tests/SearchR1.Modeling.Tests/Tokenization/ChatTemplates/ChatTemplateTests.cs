using SearchR1.Modeling.Tokenization.ChatTemplates;

namespace SearchR1.Modeling.Tests.Tokenization.ChatTemplates;

public sealed class ChatTemplateTests
{
    private static string Render(string template, Dictionary<string, object?>? variables = null) =>
        ChatTemplate.Parse(template).Render(variables ?? []);

    [Theory]
    [InlineData("{% if true %}\n    yes\n{% endif %}\n", "    yes\n")]                  // trim_blocks
    [InlineData("  {% if true %}x{% endif %}  \nz", "x  \nz")]                              // lstrip_blocks, no trim after spaces
    [InlineData("a  {%- if true -%}  b  {%- endif -%}  c", "abc")]                        // explicit stripping
    [InlineData("a\n  {# a comment #}\nb", "a\nb")]                                       // comments are blocks too
    [InlineData("x {{- ' y ' -}} z", "x y z")]
    [InlineData("line\n{{ 'v' }}\nnext", "line\nv\nnext")]                                // expressions keep their newlines
    [InlineData("{{ 'a' }}\n", "a")]                                                     // one trailing newline is dropped
    [InlineData("x\r\ny\rz", "x\ny\nz")]                                                // newlines are normalised
    public void Whitespace_control_is_that_of_transformers_jinja_environment(string template, string expected)
    {
        Assert.Equal(expected, Render(template));
    }

    [Fact]
    public void Loops_expose_index_first_and_last()
    {
        Assert.Equal("1a,2b,3c", Render("{% for x in ['a','b','c'] %}{{ loop.index }}{{ x }}{% if not loop.last %},{% endif %}{% endfor %}"));
        Assert.Equal("empty", Render("{% for x in [] %}x{% else %}empty{% endfor %}"));
        Assert.Equal("b", Render("{% for x in ['a','b'] if x != 'a' %}{{ x }}{% endfor %}"));
    }

    [Fact]
    public void A_set_inside_a_loop_stays_in_the_loop_but_namespace_attributes_survive()
    {
        Assert.Equal("1", Render("{% set x = 1 %}{% for i in [1, 2] %}{% set x = x + i %}{% endfor %}{{ x }}"));
        Assert.Equal("6", Render("{% set ns = namespace(total=0) %}{% for i in [1, 2, 3] %}{% set ns.total = ns.total + i %}{% endfor %}{{ ns.total }}"));
    }

    [Fact]
    public void Tojson_writes_what_python_json_dumps_writes()
    {
        Assert.Equal("{\"b\": 1, \"a\": [true, null, \"é\\\"x\", 2.5]}", Render("{{ {'b': 1, 'a': [true, none, \"é\\\"x\", 2.5]} | tojson }}"));
        Assert.Equal("{\n  \"a\": 1,\n  \"b\": [\n    1,\n    2\n  ]\n}", Render("{{ {'a': 1, 'b': [1, 2]} | tojson(indent=2) }}"));
        Assert.Equal("\"multi\\nline\"", Render("{{ 'multi\\nline' | tojson }}"));
        Assert.Equal("\"\\u00e9\"", Render("{{ 'é' | tojson(ensure_ascii=true) }}"));
    }

    [Fact]
    public void Values_print_as_python_str_prints_them()
    {
        Assert.Equal("NoneTrue[1, 'a']1.52.53", Render("{{ none }}{{ true }}{{ [1, 'a'] }}{{ 1.5 }}{{ 10 / 4 }}{{ 7 // 2 }}"));
        Assert.Equal("", Render("{{ not_defined }}"));
    }

    [Fact]
    public void Filters_tests_methods_and_slices_behave_as_in_jinja()
    {
        var variables = new Dictionary<string, object?> { ["m"] = new JinjaDictionary { ["role"] = "user" } };
        Assert.Equal(
            "hi|3|bc|3|['a', 'b']|True|False|True|True|none",
            Render(
                "{{ '  hi  ' | trim }}|{{ [1, 2, 3] | length }}|{{ 'abc'[1:] }}|{{ [1, 2, 3][-1] }}|{{ 'a,b'.split(',') }}|" +
                "{{ 'Hello'.startswith('He') }}|{{ x is defined }}|{{ 'b' in 'abc' }}|{{ 'text' is iterable }}|" +
                "{% if not m.tool_calls %}none{% endif %}",
                variables));
    }

    [Fact]
    public void Filters_bind_tighter_than_operators()
    {
        Assert.Equal("abc", Render("{{ 'a' + ' b ' | trim + 'c' }}"));
        Assert.Equal("yes", Render("{{ 'yes' if [1] | length == 1 else 'no' }}"));
    }

    [Fact]
    public void Macros_take_positional_and_default_arguments()
    {
        Assert.Equal("Hi Bo!", Render("{% macro greet(name, punct='!') %}Hi {{ name }}{{ punct }}{% endmacro %}{{ greet('Bo') }}"));
    }

    [Fact]
    public void Raise_exception_stops_rendering_with_the_templates_message()
    {
        var error = Assert.Throws<ChatTemplateException>(() => Render("{{ raise_exception('Only user and assistant roles') }}"));
        Assert.Contains("Only user and assistant roles", error.Message);
    }

    [Fact]
    public void Adding_a_string_and_a_number_is_an_error_as_in_python()
    {
        var error = Assert.Throws<ChatTemplateException>(() => Render("{{ 'a' + 1 }}"));
        Assert.Contains("line 1", error.Message);
    }

    [Fact]
    public void Strftime_now_formats_the_clock_it_is_given()
    {
        string text = ChatTemplate.Parse("{{ strftime_now('%d %b %Y') }}").Render(new Dictionary<string, object?>(), () => new DateTime(2024, 7, 6));
        Assert.Equal("06 Jul 2024", text);
    }

    [Fact]
    public void A_syntax_error_names_the_line()
    {
        var error = Assert.Throws<ChatTemplateException>(() => ChatTemplate.Parse("ok\n{% if x %}\nno end"));
        Assert.Contains("endif", error.Message);
    }

    [Fact]
    public void Json_input_keeps_integers_integers_and_key_order()
    {
        object? arguments = JinjaDictionary.FromJson(System.Text.Json.Nodes.JsonNode.Parse("{\"z\": 1, \"a\": 2.0, \"n\": [-3, 1e3]}"));
        var variables = new Dictionary<string, object?> { ["args"] = arguments };
        Assert.Equal("{\"z\": 1, \"a\": 2.0, \"n\": [-3, 1000.0]}", Render("{{ args | tojson }}", variables));
        Assert.Equal("-2|1", Render("{{ -2 }}|{{ [1, 2][-2] }}"));
    }
}
