using FluentValidation.TestHelper;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Users;
using MedTechAccounts.Core.Infrastructure;
using MedTechAccounts.UnitTests.Infrastructure;

namespace MedTechAccounts.UnitTests.Features.Admin;

public sealed class UserValidatorTests : IDisposable
{
    private const string GoodPassword = "marble lantern orchard quietly";
    private readonly InMemoryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private CreateUser.Validator CreateValidator() => new(_database.Db, _database.Users());

    private static CreateUser.Command NewRep(params Guid[] territories) => new()
    {
        Email = "dana.field@test.medtech", DisplayName = "Dana Field", Role = Roles.Rep, TerritoryIds = territories, Password = GoodPassword,
    };

    [Fact]
    public async Task A_rep_with_existing_territories_and_a_strong_password_passes()
    {
        var territory = await _database.AddTerritoryAsync("North Texas", "South");

        var result = await CreateValidator().TestValidateAsync(NewRep(territory.Id));

        result.ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-an-email")]
    public async Task The_email_must_be_an_address(string email)
    {
        var result = await CreateValidator().TestValidateAsync(NewRep() with { Email = email });

        result.ShouldHaveValidationErrorFor(c => c.Email);
    }

    [Fact]
    public async Task The_email_must_not_belong_to_another_user_in_any_case()
    {
        await _database.AddUserAsync("dana.field@test.medtech");

        var result = await CreateValidator().TestValidateAsync(NewRep() with { Email = " Dana.Field@TEST.medtech " });

        result.ShouldHaveValidationErrorFor(c => c.Email).WithErrorMessage("E-mail is already used by another user.");
    }

    [Theory]
    [InlineData("short pass", "at least 12 characters")]
    [InlineData("password1234", "too common")]
    [InlineData("dana.field-secret", "too common")] // contains the e-mail's local part
    public async Task Identitys_password_validators_report_on_the_Password_field(string password, string expected)
    {
        var result = await CreateValidator().TestValidateAsync(NewRep() with { Password = password });

        result.ShouldHaveValidationErrorFor(c => c.Password).When(f => f.ErrorMessage.Contains(expected, StringComparison.Ordinal));
        result.ShouldNotHaveValidationErrorFor(c => c.Email);
    }

    [Fact]
    public async Task An_empty_password_is_refused_once()
    {
        var result = await CreateValidator().TestValidateAsync(NewRep() with { Password = "" });

        Assert.Single(result.Errors, e => e.PropertyName == nameof(CreateUser.Command.Password));
    }

    [Fact]
    public async Task The_role_must_be_one_of_the_five()
    {
        var result = await CreateValidator().TestValidateAsync(NewRep() with { Role = "Superuser" });

        result.ShouldHaveValidationErrorFor(c => c.Role).WithErrorMessage("Role must be one of: Product, Rep, Manager, Executive, Admin.");
    }

    [Fact]
    public async Task Territories_must_exist()
    {
        var territory = await _database.AddTerritoryAsync("North Texas", "South");

        var result = await CreateValidator().TestValidateAsync(NewRep(territory.Id, Guid.NewGuid()));

        result.ShouldHaveValidationErrorFor(c => c.TerritoryIds);
    }

    [Fact]
    public async Task A_manager_needs_a_region_that_has_territories()
    {
        await _database.AddTerritoryAsync("North Texas", "South");
        var validator = CreateValidator();

        var missing = await validator.TestValidateAsync(NewRep() with { Role = Roles.Manager });
        var unknown = await validator.TestValidateAsync(NewRep() with { Role = Roles.Manager, Region = "Atlantis" });
        var known = await validator.TestValidateAsync(NewRep() with { Role = Roles.Manager, Region = "South" });

        missing.ShouldHaveValidationErrorFor(c => c.Region).WithErrorMessage("Region is required for a manager.");
        unknown.ShouldHaveValidationErrorFor(c => c.Region).WithErrorMessage("Region must be a region that has territories.");
        known.ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public async Task Only_managers_have_a_region_and_only_reps_and_managers_territories()
    {
        var territory = await _database.AddTerritoryAsync("North Texas", "South");
        var validator = CreateValidator();

        var rep = await validator.TestValidateAsync(NewRep() with { Region = "South" });
        var executive = await validator.TestValidateAsync(NewRep(territory.Id) with { Role = Roles.Executive });

        rep.ShouldHaveValidationErrorFor(c => c.Region);
        executive.ShouldHaveValidationErrorFor(c => c.TerritoryIds);
        executive.ShouldNotHaveValidationErrorFor(c => c.Region);
    }

    [Fact]
    public async Task An_admin_may_not_deactivate_or_demote_themselves_but_may_another_admin()
    {
        var me = await _database.AddUserAsync("me@test.medtech");
        var other = await _database.AddUserAsync("other@test.medtech");
        var validator = new EditUser.Validator(_database.Db, new FakeCurrentUser(me.Id, Roles.Admin));
        EditUser.Command Edit(Guid id) => new()
        {
            Id = id, ConcurrencyStamp = "stamp", DisplayName = "Someone", Role = Roles.Rep, IsActive = false,
        };

        var self = await validator.TestValidateAsync(Edit(me.Id));
        var another = await validator.TestValidateAsync(Edit(other.Id));

        self.ShouldHaveValidationErrorFor(c => c.IsActive).WithErrorMessage("You cannot deactivate your own account; ask another administrator.");
        self.ShouldHaveValidationErrorFor(c => c.Role).WithErrorMessage("You cannot remove your own administrator role; ask another administrator.");
        another.ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public async Task An_edit_must_carry_the_concurrency_stamp_it_read()
    {
        var other = await _database.AddUserAsync("other@test.medtech");
        var validator = new EditUser.Validator(_database.Db, new FakeCurrentUser(Guid.NewGuid(), Roles.Admin));

        var result = await validator.TestValidateAsync(new EditUser.Command { Id = other.Id, DisplayName = "Other", Role = Roles.Executive, ConcurrencyStamp = "" });

        result.ShouldHaveValidationErrorFor(c => c.ConcurrencyStamp);
    }

    [Fact]
    public async Task Editing_a_user_that_does_not_exist_is_not_found_before_any_field_is_checked()
    {
        var validator = new EditUser.Validator(_database.Db, new FakeCurrentUser(Guid.NewGuid(), Roles.Admin));

        await Assert.ThrowsAsync<NotFoundException>(() =>
            validator.ValidateAsync(new EditUser.Command { Id = Guid.NewGuid(), Role = "Nobody" }));
    }
}
