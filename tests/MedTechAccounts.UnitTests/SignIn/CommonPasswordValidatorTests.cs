using MedTechAccounts.Web.Identity;

namespace MedTechAccounts.UnitTests.SignIn;

public sealed class CommonPasswordValidatorTests
{
    [Theory]
    [InlineData("password1234")]
    [InlineData("Password1234!")]
    [InlineData("qwertyuiopasdf")]
    [InlineData("123456789012")]
    [InlineData("aaaaaaaaaaaaaaa")]
    [InlineData("welcome123456")]
    public void Common_or_padded_common_passwords_are_weak(string password) =>
        Assert.True(CommonPasswordValidator.IsWeak(password, "sandy@hospital.example"));

    [Fact]
    public void A_password_containing_the_users_own_email_name_is_weak() =>
        Assert.True(CommonPasswordValidator.IsWeak("sandy.rep-2026-tablet", "sandy.rep@medtech.example"));

    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("ventilator-lighthouse-42")]
    public void A_long_passphrase_is_accepted(string password) =>
        Assert.False(CommonPasswordValidator.IsWeak(password, "sandy@hospital.example"));
}
