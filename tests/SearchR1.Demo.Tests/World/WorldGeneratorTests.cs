using SearchR1.Demo.World;

namespace SearchR1.Demo.Tests.World;

public class WorldGeneratorTests
{
    [Fact]
    public void The_same_seed_gives_the_same_world_and_another_seed_another()
    {
        SyntheticWorld a = WorldGenerator.Generate(WorldOptions.Fast);
        SyntheticWorld b = WorldGenerator.Generate(WorldOptions.Fast);
        SyntheticWorld c = WorldGenerator.Generate(WorldOptions.Fast with { Seed = 8 });

        Assert.Equal(a.People.Select(p => (p.Name, p.BirthPlace.Name)), b.People.Select(p => (p.Name, p.BirthPlace.Name)));
        Assert.NotEqual(a.People.Select(p => p.Name), c.People.Select(p => p.Name));
    }

    [Fact]
    public void Each_partition_has_the_requested_sizes_and_pretraining_is_scaled()
    {
        WorldOptions options = WorldOptions.Fast;
        SyntheticWorld world = WorldGenerator.Generate(options);

        Assert.Equal(options.People * options.PretrainingScale, world.PeopleIn(WorldPartition.Pretraining).Count());
        Assert.Equal(options.People, world.PeopleIn(WorldPartition.Test).Count());
        Assert.Equal(options.Cities, world.CitiesIn(WorldPartition.Training).Count());
        Assert.Equal(options.Works, world.WorksIn(WorldPartition.Test).Count());
        Assert.Equal(options.Organisations, world.OrganisationsIn(WorldPartition.Test).Count());
    }

    [Fact]
    public void Relations_never_cross_partitions()
    {
        SyntheticWorld world = WorldGenerator.Generate(new WorldOptions());

        Assert.All(world.People, p => Assert.Equal(p.Partition, p.BirthPlace.Partition));
        Assert.All(world.Cities, c => Assert.Equal(c.Partition, c.Country.Partition));
        Assert.All(world.Organisations, o =>
        {
            Assert.Equal(o.Partition, o.Founder.Partition);
            Assert.Equal(o.Partition, o.Headquarters.Partition);
        });
        Assert.All(world.Works, w => Assert.Equal(w.Partition, w.Creator.Partition));
    }

    [Fact]
    public void Every_name_is_unique_in_the_whole_world()
    {
        SyntheticWorld world = WorldGenerator.Generate(new WorldOptions());
        var names = world.People.Select(p => p.Name)
            .Concat(world.Cities.Select(c => c.Name))
            .Concat(world.Countries.Select(c => c.Name))
            .Concat(world.Organisations.Select(o => o.Name))
            .Concat(world.Works.Select(w => w.Title))
            .ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Works_are_made_by_people_of_the_matching_occupation()
    {
        SyntheticWorld world = WorldGenerator.Generate(new WorldOptions());

        Assert.All(world.Works, w =>
        {
            string expected = WorldGenerator.WorkKinds.Single(k => k.Kind == w.Kind && k.Role == w.Role).Occupation;
            Assert.Equal(expected, w.Creator.Occupation);
        });
    }
}
