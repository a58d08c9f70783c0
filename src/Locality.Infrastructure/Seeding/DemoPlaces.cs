namespace Locality.Infrastructure.Seeding;

/// <summary>
/// Real English towns, their police force and some of their postcode districts, so a demo reads like a real place.
/// Names are common in England and Wales; Bogus picks from them with a fixed seed so every demo is the same.
/// </summary>
internal static class DemoPlaces
{
    public static readonly IReadOnlyList<DemoTown> Towns =
    [
        new("Wigan", "Greater Manchester Police", ["WN1", "WN2", "WN3", "WN5", "WN6"]),
        new("Gateshead", "Northumbria Police", ["NE8", "NE9", "NE10", "NE11"]),
        new("Barnsley", "South Yorkshire Police", ["S70", "S71", "S72", "S75"]),
        new("Rochdale", "Greater Manchester Police", ["OL11", "OL12", "OL16"]),
        new("Stoke-on-Trent", "Staffordshire Police", ["ST1", "ST3", "ST4", "ST6"]),
    ];

    public static readonly IReadOnlyList<string> FirstNames =
    [
        "Olivia", "Amelia", "Isla", "Ava", "Mia", "Grace", "Sophie", "Emily", "Chloe", "Jessica", "Lucy", "Hannah", "Megan",
        "Charlotte", "Ellie", "Lauren", "Rebecca", "Shannon", "Kayleigh", "Danielle", "Leanne", "Joanne", "Tracey", "Amira",
        "Oliver", "George", "Harry", "Jack", "Jacob", "Noah", "Charlie", "Thomas", "James", "William", "Daniel", "Ryan",
        "Liam", "Connor", "Callum", "Jordan", "Kieran", "Lee", "Craig", "Darren", "Gary", "Wayne", "Mohammed", "Kwame",
    ];

    public static readonly IReadOnlyList<string> FamilyNames =
    [
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright", "Thompson",
        "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Patel", "Khan", "Lewis",
        "James", "Phillips", "Mason", "Mitchell", "Rose", "Davis", "Rodriguez", "Cox", "Alexander", "Morris", "Ward",
        "Hughes", "Harrison", "Moore", "Turner", "Baker", "Cooper", "Hill", "Kelly", "Marshall", "Begum", "Okafor", "Kowalski",
    ];

    public static readonly IReadOnlyList<string> Streets =
    [
        "Church Street", "Victoria Road", "Park Lane", "Mill Lane", "Station Road", "Chapel Street", "Queen Street",
        "Albert Road", "Market Street", "Bridge Street", "Oak Avenue", "Moss Lane", "Railway Terrace", "Grange Road",
    ];
}

internal sealed record DemoTown(string Name, string PoliceForce, IReadOnlyList<string> PostcodeDistricts);
