using System.Globalization;

namespace MedTechAccounts.Core.Features.Seeding;

/// <summary>A US state the generator places accounts in, with its main IANA time zone and some cities.</summary>
internal sealed record StateInfo(string Code, string TimeZone, IReadOnlyList<string> Cities);

/// <summary>A sales area: the first territory of each area carries the area's name, further ones a number.</summary>
internal sealed record SalesArea(string Name, string Region, IReadOnlyList<StateInfo> States);

/// <summary>A territory of the generated layout.</summary>
internal sealed record TerritorySpec(int Index, string Name, string Region, SalesArea Area);

/// <summary>Regions, areas, states and cities of the generated portfolio.</summary>
internal static class Geography
{
    public const string East = "East";
    public const string Central = "Central";
    public const string West = "West";

    public static readonly IReadOnlyList<string> Regions = [East, Central, West];

    private const string Eastern = "America/New_York";
    private const string CentralTime = "America/Chicago";
    private const string Mountain = "America/Denver";
    private const string Pacific = "America/Los_Angeles";

    /// <summary>Eight areas; with the default demo size each area is exactly one territory.</summary>
    public static readonly IReadOnlyList<SalesArea> Areas =
    [
        new("New England", East,
        [
            new("MA", Eastern, ["Boston", "Worcester", "Springfield", "Lowell", "Cambridge"]),
            new("CT", Eastern, ["Hartford", "New Haven", "Stamford", "Bridgeport"]),
            new("RI", Eastern, ["Providence", "Warwick"]),
            new("NH", Eastern, ["Manchester", "Nashua", "Concord"]),
            new("ME", Eastern, ["Portland", "Bangor", "Lewiston"]),
            new("VT", Eastern, ["Burlington", "Rutland"]),
        ]),
        new("Mid-Atlantic", East,
        [
            new("NY", Eastern, ["Albany", "Buffalo", "Rochester", "Syracuse", "White Plains", "Brooklyn"]),
            new("NJ", Eastern, ["Newark", "Trenton", "Camden", "Paterson", "Morristown"]),
            new("PA", Eastern, ["Philadelphia", "Pittsburgh", "Allentown", "Harrisburg", "Erie", "Scranton"]),
            new("MD", Eastern, ["Baltimore", "Bethesda", "Annapolis"]),
            new("DE", Eastern, ["Wilmington", "Dover"]),
        ]),
        new("Southeast", East,
        [
            new("GA", Eastern, ["Atlanta", "Savannah", "Augusta", "Macon"]),
            new("FL", Eastern, ["Miami", "Tampa", "Orlando", "Jacksonville", "Gainesville", "Tallahassee"]),
            new("NC", Eastern, ["Charlotte", "Raleigh", "Durham", "Greensboro", "Asheville"]),
            new("SC", Eastern, ["Charleston", "Columbia", "Greenville"]),
            new("VA", Eastern, ["Richmond", "Norfolk", "Roanoke", "Charlottesville"]),
        ]),
        new("Great Lakes", Central,
        [
            new("IL", CentralTime, ["Chicago", "Peoria", "Springfield", "Rockford"]),
            new("MI", "America/Detroit", ["Detroit", "Grand Rapids", "Lansing", "Ann Arbor"]),
            new("OH", Eastern, ["Columbus", "Cleveland", "Cincinnati", "Toledo", "Akron"]),
            new("IN", "America/Indiana/Indianapolis", ["Indianapolis", "Fort Wayne", "Evansville"]),
            new("WI", CentralTime, ["Milwaukee", "Madison", "Green Bay"]),
        ]),
        new("Heartland", Central,
        [
            new("MO", CentralTime, ["St. Louis", "Kansas City", "Springfield", "Columbia"]),
            new("IA", CentralTime, ["Des Moines", "Cedar Rapids", "Iowa City"]),
            new("MN", CentralTime, ["Minneapolis", "St. Paul", "Rochester", "Duluth"]),
            new("KS", CentralTime, ["Wichita", "Topeka", "Overland Park"]),
            new("NE", CentralTime, ["Omaha", "Lincoln"]),
        ]),
        new("Texas", Central,
        [
            new("TX", CentralTime, ["Houston", "Dallas", "San Antonio", "Austin", "Fort Worth", "Lubbock", "Corpus Christi"]),
            new("OK", CentralTime, ["Oklahoma City", "Tulsa"]),
            new("LA", CentralTime, ["New Orleans", "Baton Rouge", "Shreveport"]),
            new("AR", CentralTime, ["Little Rock", "Fayetteville"]),
        ]),
        new("Mountain", West,
        [
            new("CO", Mountain, ["Denver", "Colorado Springs", "Aurora", "Fort Collins"]),
            new("UT", Mountain, ["Salt Lake City", "Provo", "Ogden"]),
            new("AZ", "America/Phoenix", ["Phoenix", "Tucson", "Mesa", "Scottsdale"]),
            new("NM", Mountain, ["Albuquerque", "Santa Fe", "Las Cruces"]),
            new("ID", "America/Boise", ["Boise", "Idaho Falls"]),
        ]),
        new("Pacific", West,
        [
            new("CA", Pacific, ["Los Angeles", "San Diego", "San Francisco", "Sacramento", "Fresno", "Oakland", "San Jose"]),
            new("WA", Pacific, ["Seattle", "Spokane", "Tacoma"]),
            new("OR", Pacific, ["Portland", "Eugene", "Salem"]),
            new("NV", Pacific, ["Las Vegas", "Reno"]),
        ]),
    ];

    /// <summary>One territory per 100 accounts, at least one per area, dealt round the areas.</summary>
    public static IReadOnlyList<TerritorySpec> Territories(int accounts)
    {
        var count = Math.Max(Areas.Count, (int)Math.Round(accounts / 100.0));
        return Enumerable.Range(0, count).Select(TerritoryAt).ToList();
    }

    /// <summary>The territory of the layout with this name (as "Pacific" or "Pacific 3").</summary>
    public static TerritorySpec TerritoryNamed(string name)
    {
        var areaIndex = Enumerable.Range(0, Areas.Count)
            .Single(i => name == Areas[i].Name || name.StartsWith(Areas[i].Name + " ", StringComparison.Ordinal));
        var areaName = Areas[areaIndex].Name;
        var ordinal = name.Length == areaName.Length ? 1 : int.Parse(name[(areaName.Length + 1)..], CultureInfo.InvariantCulture);
        return TerritoryAt(((ordinal - 1) * Areas.Count) + areaIndex);
    }

    public static TerritorySpec TerritoryAt(int index)
    {
        var area = Areas[index % Areas.Count];
        var ordinal = (index / Areas.Count) + 1;
        return new TerritorySpec(index, ordinal == 1 ? area.Name : $"{area.Name} {ordinal}", area.Region, area);
    }
}
