using Xunit;
using Xunit.Sdk;

namespace SearchR1.TestSupport;

/// <summary>
/// A test that compares against ../shared (data and fixtures made by the Python originals). It belongs to the
/// "Conformance" category (filter with <c>--filter Category=Conformance</c>) and reports itself skipped, with the
/// reason, where ../shared is absent. CI always has ../shared, so there it always runs.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("Xunit.Sdk.FactDiscoverer", "xunit.execution.{Platform}")]
public sealed class ConformanceFactAttribute : FactAttribute
{
    public ConformanceFactAttribute()
    {
        if (!SharedData.Available)
        {
            Skip = "Conformance test: ../shared (reference data) is not present beside the repository.";
        }
    }
}

/// <summary>The theory form of <see cref="ConformanceFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("Xunit.Sdk.TheoryDiscoverer", "xunit.execution.{Platform}")]
public sealed class ConformanceTheoryAttribute : TheoryAttribute
{
    public ConformanceTheoryAttribute()
    {
        if (!SharedData.Available)
        {
            Skip = "Conformance test: ../shared (reference data) is not present beside the repository.";
        }
    }
}

/// <summary>Puts a test class in the Conformance category.</summary>
[TraitDiscoverer("SearchR1.TestSupport.ConformanceTraitDiscoverer", "SearchR1.TestSupport")]
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class ConformanceAttribute : Attribute, ITraitAttribute
{
}

/// <summary>Emits Category=Conformance for <see cref="ConformanceAttribute"/>.</summary>
public sealed class ConformanceTraitDiscoverer : ITraitDiscoverer
{
    public IEnumerable<KeyValuePair<string, string>> GetTraits(Xunit.Abstractions.IAttributeInfo traitAttribute)
    {
        yield return new KeyValuePair<string, string>("Category", "Conformance");
    }
}
