using FluentValidation.TestHelper;
using MedTechAccounts.Core.Features.Territories;
using MedTechAccounts.Core.Infrastructure;
using MedTechAccounts.UnitTests.Infrastructure;

namespace MedTechAccounts.UnitTests.Features.Admin;

public sealed class TerritoryValidatorTests : IDisposable
{
    private readonly InMemoryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_new_territory_needs_a_name_and_a_region()
    {
        var result = await new CreateTerritory.Validator(_database.Db).TestValidateAsync(new CreateTerritory.Command { Name = " ", Region = "" });

        result.ShouldHaveValidationErrorFor(c => c.Name);
        result.ShouldHaveValidationErrorFor(c => c.Region);
    }

    [Fact]
    public async Task Names_and_regions_longer_than_100_characters_are_refused()
    {
        var result = await new CreateTerritory.Validator(_database.Db).TestValidateAsync(
            new CreateTerritory.Command { Name = new string('n', 101), Region = new string('r', 101) });

        result.ShouldHaveValidationErrorFor(c => c.Name);
        result.ShouldHaveValidationErrorFor(c => c.Region);
    }

    [Fact]
    public async Task A_new_territory_may_not_take_an_existing_name_whatever_the_case_and_spacing()
    {
        await _database.AddTerritoryAsync("North Texas", "South");

        var result = await new CreateTerritory.Validator(_database.Db).TestValidateAsync(new CreateTerritory.Command { Name = "  north TEXAS ", Region = "West" });

        result.ShouldHaveValidationErrorFor(c => c.Name).WithErrorMessage("Name is already used by another territory.");
        result.ShouldNotHaveValidationErrorFor(c => c.Region);
    }

    [Fact]
    public async Task A_valid_new_territory_passes()
    {
        await _database.AddTerritoryAsync("North Texas", "South");

        var result = await new CreateTerritory.Validator(_database.Db).TestValidateAsync(new CreateTerritory.Command { Name = "East Texas", Region = "South" });

        result.ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public async Task An_edit_may_keep_its_own_name_but_not_take_another_territorys()
    {
        var north = await _database.AddTerritoryAsync("North Texas", "South");
        await _database.AddTerritoryAsync("East Texas", "South");
        var validator = new EditTerritory.Validator(_database.Db);

        var keep = await validator.TestValidateAsync(new EditTerritory.Command { Id = north.Id, Version = north.Version, Name = "North Texas", Region = "Southwest" });
        var take = await validator.TestValidateAsync(new EditTerritory.Command { Id = north.Id, Version = north.Version, Name = "East Texas", Region = "South" });

        keep.ShouldNotHaveAnyValidationErrors();
        take.ShouldHaveValidationErrorFor(c => c.Name).WithErrorMessage("Name is already used by another territory.");
    }

    [Fact]
    public async Task An_edit_must_say_which_version_it_started_from()
    {
        var north = await _database.AddTerritoryAsync("North Texas", "South");

        var result = await new EditTerritory.Validator(_database.Db).TestValidateAsync(
            new EditTerritory.Command { Id = north.Id, Version = Guid.Empty, Name = "North Texas", Region = "South" });

        result.ShouldHaveValidationErrorFor(c => c.Version);
    }

    [Fact]
    public async Task Editing_a_territory_that_does_not_exist_is_not_found_before_any_field_is_checked()
    {
        var validator = new EditTerritory.Validator(_database.Db);

        await Assert.ThrowsAsync<NotFoundException>(() =>
            validator.ValidateAsync(new EditTerritory.Command { Id = Guid.NewGuid(), Name = "", Region = "" }));
    }
}
