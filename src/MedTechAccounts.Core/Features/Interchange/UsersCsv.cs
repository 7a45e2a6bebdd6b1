using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Interchange;

/// <summary>
/// <c>email, name, role, territories, region</c>; the e-mail is the key (case-insensitive). Reps and managers get
/// territories (names separated by ';'), managers a region. Users created here have no password: they cannot sign
/// in until an administrator sets one.
/// </summary>
internal sealed class UsersCsv : CsvKind
{
    public override string Name => "users";

    public override IReadOnlyList<string> Columns { get; } = ["email", "name", "role", "territories", "region"];

    public override async Task<IReadOnlyList<Func<ImportOutcome>>> PrepareAsync(ImportSession session, IReadOnlyList<CsvLine> lines, CancellationToken ct)
    {
        var db = session.Db;
        var stored = (await db.Users.Include(u => u.Territories).Where(u => u.NormalizedEmail != null).ToListAsync(ct))
            .DistinctBy(u => u.NormalizedEmail).ToDictionary(u => u.NormalizedEmail!, StringComparer.Ordinal);
        var roles = await db.Roles.Where(r => r.NormalizedName != null).ToDictionaryAsync(r => r.NormalizedName!, StringComparer.Ordinal, ct);
        var userRoles = (await db.UserRoles.ToListAsync(ct)).ToLookup(ur => ur.UserId);
        var roleNames = roles.Values.ToDictionary(r => r.Id, r => r.Name);
        var territories = await db.Territories.AsNoTracking().ToDictionaryAsync(t => t.Name, StringComparer.OrdinalIgnoreCase, ct);
        var regions = territories.Values.Select(t => t.Region).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var changes = new List<Func<ImportOutcome>>();

        foreach (var line in lines)
        {
            var email = line.Email("email", required: true);
            var name = line.Text("name", 200, required: true);
            var role = line.Text("role", 32, required: true);
            var canonicalRole = Roles.All.FirstOrDefault(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase));
            if (role is not null && canonicalRole is null)
            {
                line.Error("role", $"'{role}' is not one of {string.Join(", ", Roles.All)}");
            }

            var territoryIds = new List<Guid>();
            foreach (var territoryName in line.List("territories").Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (territories.TryGetValue(territoryName, out var territory))
                {
                    territoryIds.Add(territory.Id);
                }
                else
                {
                    line.Error("territories", $"unknown territory '{territoryName}'");
                }
            }

            if (territoryIds.Count > 0 && canonicalRole is Roles.Executive or Roles.Admin)
            {
                line.Error("territories", "territories are assigned to reps and managers only");
            }

            var region = line.Text("region", 100);
            if (canonicalRole == Roles.Manager && region is null)
            {
                line.Error("region", "is required for a manager");
            }
            else if (canonicalRole == Roles.Manager && !regions.Contains(region!))
            {
                line.Error("region", $"unknown region '{region}' (no territory is in it)");
            }
            else if (canonicalRole is not null and not Roles.Manager && region is not null)
            {
                line.Error("region", "only managers have a region; leave it empty");
            }

            var key = email?.ToUpperInvariant();
            if (key is not null && !ImportSession.FirstOccurrence(seen, key, line, "email"))
            {
                continue;
            }

            var existing = key is null ? null : stored.GetValueOrDefault(key);
            if (existing is not null && existing.Id == session.User.UserId && canonicalRole is not null and not Roles.Admin)
            {
                line.Error("role", "you cannot remove your own administrator role");
            }

            if (line.HasErrors)
            {
                continue;
            }

            var wantedRegion = region is null ? null : territories.Values.First(t => string.Equals(t.Region, region, StringComparison.OrdinalIgnoreCase)).Region;
            changes.Add(() =>
            {
                var created = existing is null;
                var user = existing ?? new ApplicationUser
                {
                    Id = Guid.NewGuid(),
                    EmailConfirmed = true,
                    LockoutEnabled = true,
                    IsActive = true,
                    // As Identity's UserManager does on create; no password hash, so no sign-in until one is set.
                    SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant(),
                    ConcurrencyStamp = Guid.NewGuid().ToString(),
                };
                if (created)
                {
                    db.Users.Add(user);
                    user.UserName = email;
                    user.NormalizedUserName = key;
                    user.Email = email;
                    user.NormalizedEmail = key;
                }

                user.DisplayName = name!;
                user.Region = wantedRegion;
                var linksChanged = SyncRole(db, roles, userRoles[user.Id].ToList(), roleNames, user.Id, canonicalRole!);
                linksChanged |= SyncTerritories(db, user, territoryIds);
                var outcome = session.Outcome(user, created, linksChanged);
                if (outcome == ImportOutcome.Updated)
                {
                    user.ConcurrencyStamp = Guid.NewGuid().ToString();
                }

                return outcome;
            });
        }

        return changes;
    }

    private static bool SyncRole(
        AppDbContext db, Dictionary<string, ApplicationRole> roles, List<IdentityUserRole<Guid>> held, Dictionary<Guid, string?> roleNames,
        Guid userId, string role)
    {
        if (held.Count == 1 && roleNames.GetValueOrDefault(held[0].RoleId) == role)
        {
            return false;
        }

        db.UserRoles.RemoveRange(held);
        if (!roles.TryGetValue(role.ToUpperInvariant(), out var entity))
        {
            // An empty database: the roles are created as the seeder creates them.
            entity = new ApplicationRole(role) { Id = Guid.NewGuid(), NormalizedName = role.ToUpperInvariant(), ConcurrencyStamp = Guid.NewGuid().ToString() };
            db.Roles.Add(entity);
            roles[entity.NormalizedName] = entity;
            roleNames[entity.Id] = role;
        }

        db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = userId, RoleId = entity.Id });
        return true;
    }

    private static bool SyncTerritories(AppDbContext db, ApplicationUser user, List<Guid> wanted)
    {
        var changed = false;
        foreach (var assignment in user.Territories.Where(t => !wanted.Contains(t.TerritoryId)).ToList())
        {
            db.UserTerritories.Remove(assignment);
            changed = true;
        }

        foreach (var territoryId in wanted.Except(user.Territories.Select(t => t.TerritoryId)).ToList())
        {
            db.UserTerritories.Add(new UserTerritory { UserId = user.Id, TerritoryId = territoryId });
            changed = true;
        }

        return changed;
    }

    public override async Task<IReadOnlyList<string?[]>> ExportAsync(AppDbContext db, CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking().Where(u => u.Email != null)
            .Select(u => new { u.Id, Email = u.Email!, u.DisplayName, u.Region }).ToListAsync(ct);
        var roles = (await db.UserRoles.AsNoTracking().Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(ct))
            .ToLookup(r => r.UserId, r => r.Name);
        var territories = (await db.UserTerritories.AsNoTracking().Select(ut => new { ut.UserId, ut.Territory!.Name }).ToListAsync(ct))
            .ToLookup(t => t.UserId, t => t.Name);
        return users
            .OrderBy(u => u.Email, StringComparer.OrdinalIgnoreCase).ThenBy(u => u.Email, StringComparer.Ordinal)
            .Select(u => new string?[]
            {
                u.Email,
                u.DisplayName,
                Roles.All.Reverse().FirstOrDefault(r => roles[u.Id].Contains(r)) ?? "",
                CsvValues.List(territories[u.Id].Order(StringComparer.Ordinal)),
                u.Region,
            })
            .ToList();
    }
}
