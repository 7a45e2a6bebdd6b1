using System.Globalization;
using MedTechAccounts.LoadDriver;

// medtech-load signin   --base URL --email E --password P [--totp-file F]
//     prints the Cookie header of a signed-in session (for wrk)
// medtech-load accounts --provider P --connection C --email E [--take N]
//     prints the rep's account ids, busiest first
// medtech-load manager  --provider P --connection C --email E
//     prints the e-mail of the manager of the rep's region
// medtech-load visits   --base URL --email E --password P --provider P --connection C [--writers 32] [--seconds 20]
//     posts visits from concurrent writers, then checks every acknowledged one in the database
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
            var load = new VisitLoad(http, token, accounts, marker);
            var elapsed = await load.RunAsync(GetInt("writers", 32), TimeSpan.FromSeconds(GetInt("seconds", 20)));
            foreach (var line in load.Report(elapsed))
            {
                Console.WriteLine(line);
            }

            var (missing, duplicated, rows) = await database.CheckAsync(load.Acknowledged, marker);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"check\t{load.Acknowledged.Count}\t{missing}\t{duplicated}\t{rows}"));
            return missing == 0 && duplicated == 0 ? 0 : 2;
        }

        default:
            Console.Error.WriteLine("usage: medtech-load signin|accounts|visits --option value ... (see the comment at the top of Program.cs)");
            return 64;
    }
}
catch (Exception e) when (e is ArgumentException or InvalidOperationException or HttpRequestException)
{
    Console.Error.WriteLine($"medtech-load: {e.Message}");
    return 1;
}
