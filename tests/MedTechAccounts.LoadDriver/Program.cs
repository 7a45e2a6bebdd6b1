using System.Globalization;
using System.Text.Json;
using MedTechAccounts.LoadDriver;

// medtech-load signin   --base URL --email E --password P [--totp-file F]
//     prints the Cookie header of a signed-in session (for wrk)
// medtech-load accounts --provider P --connection C --email E [--take N]
//     prints the rep's account ids, busiest first
// medtech-load manager  --provider P --connection C --email E
//     prints the e-mail of the manager of the rep's region
// medtech-load visits   --base URL --email E --password P --provider P --connection C [--writers 32] [--seconds 20]
//     [--journal F]   posts visits from concurrent writers, then checks every acknowledged one in the database;
//     with a journal, each visit is written to F before it is sent and its acknowledgement after (VisitJournal)
// medtech-load replay   --base URL --email E --password P --journal F
//     sends every visit of the journal again and counts acknowledged visits the server had lost
// medtech-load check    --provider P --connection C --journal F [--acknowledged-before UNIX_MS]
//     checks that every visit the journal saw acknowledged (before that time) is stored exactly once
var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
for (var i = 1; i + 1 < args.Length; i += 2)
{
    options[args[i].TrimStart('-')] = args[i + 1];
}

string Get(string name) => options.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required.");
int GetInt(string name, int fallback) => options.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

try
{
    switch (args.FirstOrDefault())
    {
        case "signin":
        {
            var baseAddress = new Uri(Get("base"));
            var cookies = await SignIn.AsAsync(baseAddress, Get("email"), Get("password"), options.GetValueOrDefault("totp-file"));
            Console.WriteLine(SignIn.CookieHeader(cookies, baseAddress));
            return 0;
        }

        case "accounts":
        {
            var accounts = await new PortfolioDatabase(Get("provider"), Get("connection")).AccountsOfAsync(Get("email"));
            foreach (var id in accounts.Take(GetInt("take", int.MaxValue)))
            {
                Console.WriteLine(id);
            }

            return accounts.Count > 0 ? 0 : 1;
        }

        case "manager":
        {
            var manager = await new PortfolioDatabase(Get("provider"), Get("connection")).ManagerOfAsync(Get("email"));
            Console.WriteLine(manager);
            return manager is null ? 1 : 0;
        }

        case "visits":
        {
            var baseAddress = new Uri(Get("base"));
            var database = new PortfolioDatabase(Get("provider"), Get("connection"));
            var accounts = await database.AccountsOfAsync(Get("email"));
            var cookies = await SignIn.AsAsync(baseAddress, Get("email"), Get("password"), options.GetValueOrDefault("totp-file"));
            using var http = SignIn.NewClient(baseAddress, cookies);
            var token = await SignIn.FormTokenAsync(http, $"/accounts/{accounts[0]}/visits/new");

            var marker = $"Load visit {Guid.NewGuid():N}";
            using var journal = options.TryGetValue("journal", out var journalPath) ? new VisitJournal(journalPath, marker) : null;
            var load = new VisitLoad(http, token, accounts, marker, journal);
            var elapsed = await load.RunAsync(GetInt("writers", 32), TimeSpan.FromSeconds(GetInt("seconds", 20)));
            foreach (var line in load.Report(elapsed))
            {
                Console.WriteLine(line);
            }

            var (missing, duplicated, rows) = await database.CheckAsync(load.Acknowledged, marker);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"check\t{load.Acknowledged.Count}\t{missing}\t{duplicated}\t{rows}"));
            return missing == 0 && duplicated == 0 ? 0 : 2;
        }

        case "replay":
        {
            var baseAddress = new Uri(Get("base"));
            var contents = VisitJournal.Read(Get("journal"));
            var cookies = await SignIn.AsAsync(baseAddress, Get("email"), Get("password"), options.GetValueOrDefault("totp-file"));
            using var http = SignIn.NewClient(baseAddress, cookies);
            var firstAccount = contents.Sent.Values.Select(body => JsonDocument.Parse(body).RootElement.GetProperty("accountId").GetGuid()).First();
            var token = await SignIn.FormTokenAsync(http, $"/accounts/{firstAccount}/visits/new");
            using var record = new VisitJournal(Get("journal"), contents.Marker);
            var (resent, created, identical, lost, failed) = await VisitJournal.ReplayAsync(http, token, contents, record);
            Console.WriteLine($"replay\t{resent}\t{created}\t{identical}\t{lost}\t{failed}");
            return lost == 0 && failed == 0 ? 0 : 2;
        }

        case "check":
        {
            var contents = VisitJournal.Read(Get("journal"));
            long? before = options.TryGetValue("acknowledged-before", out var value) ? long.Parse(value, CultureInfo.InvariantCulture) : null;
            var ids = contents.AcknowledgedBefore(before);
            var (missing, duplicated, rows) = await new PortfolioDatabase(Get("provider"), Get("connection")).CheckAsync(ids, contents.Marker);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"check\t{ids.Count}\t{missing}\t{duplicated}\t{rows}"));
            return missing == 0 && duplicated == 0 ? 0 : 2;
        }

        default:
            Console.Error.WriteLine("usage: medtech-load signin|accounts|visits|replay|check --option value ... (see the comment at the top of Program.cs)");
            return 64;
    }
}
catch (Exception e) when (e is ArgumentException or InvalidOperationException or HttpRequestException)
{
    Console.Error.WriteLine($"medtech-load: {e.Message}");
    return 1;
}
