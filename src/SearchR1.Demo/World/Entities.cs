namespace SearchR1.Demo.World;

/// <summary>A fictional country.</summary>
public sealed record Country(string Name, WorldPartition Partition);

/// <summary>A fictional city, in one country.</summary>
public sealed record City(string Name, Country Country, int Population, WorldPartition Partition);

/// <summary>A fictional person with an occupation and a birthplace.</summary>
public sealed record Person(string Name, string Occupation, City BirthPlace, WorldPartition Partition);

/// <summary>A fictional organisation (company, label, studio…) with a founder and a headquarters.</summary>
public sealed record Organisation(string Name, string Kind, Person Founder, City Headquarters, int FoundedYear, WorldPartition Partition);

/// <summary>A fictional creative work (novel, album, film, perfume) and the person behind it.</summary>
/// <param name="Kind">What it is: "novel", "album", "film", "perfume".</param>
/// <param name="Role">What its person is called for it: "author", "singer", "director".</param>
/// <param name="MadeVerb">What its person did to it: "written", "recorded", "directed", "launched".</param>
public sealed record Work(string Title, string Kind, string Role, string MadeVerb, Person Creator, int Year, WorldPartition Partition);
