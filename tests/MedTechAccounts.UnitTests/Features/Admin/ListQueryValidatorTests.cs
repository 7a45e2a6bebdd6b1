using FluentValidation.TestHelper;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Audit;
using MedTechAccounts.Core.Features.Territories;
using MedTechAccounts.Core.Features.Users;

namespace MedTechAccounts.UnitTests.Features.Admin;

public sealed class ListQueryValidatorTests
{
    [Fact]
    public void Audit_log_paging_is_bounded()
    {
        var validator = new AuditLog.Validator();

        validator.TestValidate(new AuditLog.Query { Page = 0, PageSize = 201 }).ShouldHaveValidationErrorFor(q => q.Page);
        validator.TestValidate(new AuditLog.Query { PageSize = 0 }).ShouldHaveValidationErrorFor(q => q.PageSize);
        validator.TestValidate(new AuditLog.Query { PageSize = 200 }).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void Audit_log_filters_are_as_long_as_the_stored_columns_at_most()
    {
        var result = new AuditLog.Validator().TestValidate(new AuditLog.Query
        {
            Entity = new string('e', 101), EntityId = new string('i', 101), Field = new string('f', 101), UserName = new string('u', 257),
        });

        result.ShouldHaveValidationErrorFor(q => q.Entity);
        result.ShouldHaveValidationErrorFor(q => q.EntityId);
        result.ShouldHaveValidationErrorFor(q => q.Field);
        result.ShouldHaveValidationErrorFor(q => q.UserName);
    }

    [Fact]
    public void A_form_time_without_a_zone_is_read_as_UTC()
    {
        var unspecified = new DateTime(2025, 3, 1, 8, 30, 0, DateTimeKind.Unspecified);

        var utc = UtcTime.Of(unspecified);

        Assert.Equal(DateTimeKind.Utc, utc.Kind);
        Assert.Equal(unspecified.Ticks, utc.Ticks);
    }

    [Fact]
    public void The_user_list_filters_by_known_roles_only()
    {
        var validator = new UserList.Validator();

        validator.TestValidate(new UserList.Query { Role = "Wizard" }).ShouldHaveValidationErrorFor(q => q.Role);
        validator.TestValidate(new UserList.Query { Role = "Manager", Active = false }).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void The_territory_list_pages_within_bounds()
    {
        new TerritoryList.Validator().TestValidate(new TerritoryList.Query { Page = 0 }).ShouldHaveValidationErrorFor(q => q.Page);
    }
}
