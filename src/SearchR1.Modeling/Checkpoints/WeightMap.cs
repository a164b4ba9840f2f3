using SearchR1.Modeling.Configuration;
using SearchR1.Modeling.Transformer;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SearchR1.Modeling.Checkpoints;

/// <summary>
/// Where each transformers checkpoint key lives in our modules. Most keys are one parameter; the fused
/// projections are several keys each (q/k/v rows of <c>qkv_proj</c>, gate/up rows of <c>gate_up_proj</c>),
/// so a key maps to a row range (a view) of a parameter. Loading copies into the view; saving reads it.
/// </summary>
public static class WeightMap
{
    /// <summary>A checkpoint key and the view of our parameter that holds it.</summary>
    public sealed record Entry(string Key, Func<Tensor> View, long[] Shape);

    public static IReadOnlyList<Entry> For(CausalLanguageModel model)
    {
        var entries = Stack(model.Config, model.model);
        if (model.lm_head is { } head)
        {
            entries.Add(Whole("lm_head.weight", head.weight!));
        }
        return entries;
    }

    public static IReadOnlyList<Entry> For(ValueModel model)
    {
        var entries = Stack(model.Config, model.model);
        entries.Add(Whole("score.weight", model.score.weight!));
        entries.Add(Whole("score.bias", model.score.bias!));
        return entries;
    }

    private static List<Entry> Stack(ModelConfig config, DecoderStack stack)
    {
        long q = config.NumHeads * (long)config.HeadDim, kv = config.NumKeyValueHeads * (long)config.HeadDim;
        long ffn = config.IntermediateSize;
        var entries = new List<Entry> { Whole("model.embed_tokens.weight", stack.embed_tokens.weight) };
        for (int i = 0; i < stack.layers.Count; i++)
        {
            DecoderLayer layer = stack.layers[i];
            string prefix = $"model.layers.{i}.";
            Linear qkv = layer.self_attn.qkv_proj, gateUp = layer.mlp.gate_up_proj;
            entries.Add(Rows(prefix + "self_attn.q_proj.weight", qkv.weight!, 0, q));
            entries.Add(Rows(prefix + "self_attn.k_proj.weight", qkv.weight!, q, kv));
            entries.Add(Rows(prefix + "self_attn.v_proj.weight", qkv.weight!, q + kv, kv));
            if (qkv.bias is { } qkvBias)
            {
                entries.Add(Rows(prefix + "self_attn.q_proj.bias", qkvBias, 0, q));
                entries.Add(Rows(prefix + "self_attn.k_proj.bias", qkvBias, q, kv));
                entries.Add(Rows(prefix + "self_attn.v_proj.bias", qkvBias, q + kv, kv));
            }
            entries.Add(Whole(prefix + "self_attn.o_proj.weight", layer.self_attn.o_proj.weight!));
            if (layer.self_attn.o_proj.bias is { } outputBias)
            {
                entries.Add(Whole(prefix + "self_attn.o_proj.bias", outputBias));
            }
            entries.Add(Rows(prefix + "mlp.gate_proj.weight", gateUp.weight!, 0, ffn));
            entries.Add(Rows(prefix + "mlp.up_proj.weight", gateUp.weight!, ffn, ffn));
            entries.Add(Whole(prefix + "mlp.down_proj.weight", layer.mlp.down_proj.weight!));
            if (gateUp.bias is { } gateUpBias)
            {
                entries.Add(Rows(prefix + "mlp.gate_proj.bias", gateUpBias, 0, ffn));
                entries.Add(Rows(prefix + "mlp.up_proj.bias", gateUpBias, ffn, ffn));
                entries.Add(Whole(prefix + "mlp.down_proj.bias", layer.mlp.down_proj.bias!));
            }
            entries.Add(Whole(prefix + "input_layernorm.weight", layer.input_layernorm.weight));
            entries.Add(Whole(prefix + "post_attention_layernorm.weight", layer.post_attention_layernorm.weight));
        }
        entries.Add(Whole("model.norm.weight", stack.norm.weight));
        return entries;
    }

    private static Entry Whole(string key, Tensor parameter) => new(key, () => parameter, parameter.shape);

    private static Entry Rows(string key, Tensor parameter, long start, long count)
    {
        long[] shape = (long[])parameter.shape.Clone();
        shape[0] = count;
        return new Entry(key, () => parameter.narrow(0, start, count), shape);
    }
}
