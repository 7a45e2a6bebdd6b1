using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Infrastructure;
using MedTechAccounts.Web.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using MedTechAccounts.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace MedTechAccounts.Web.Features.SignIn;

/// <summary>Sign-in, sign-out and the authenticator (TOTP) second factor.</summary>
[OpenToProduct]
[Route("account")]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class AccountController(
    SignInManager<ApplicationUser> signInManager,
    UserManager<ApplicationUser> userManager,
    UserSessions sessions,
    SecurityLog securityLog,
    TimeProvider clock) : Controller
{
    public sealed class LoginForm
    {
        [Required, EmailAddress, Display(Name = "E-mail")]
        public string Email { get; set; } = "";

        [Required, DataType(DataType.Password)]
        public string Password { get; set; } = "";

        public string? ReturnUrl { get; set; }
    }

    public sealed class CodeForm
    {
        [Required, StringLength(8, MinimumLength = 6), Display(Name = "Authenticator code")]
        public string Code { get; set; } = "";

        public string? ReturnUrl { get; set; }

        /// <summary>The code without the spaces and dashes authenticator apps show; an empty field binds to null, whatever the property says.</summary>
        public string Digits => (Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
    }

    /// <summary>The set-up page: the key once one was created (by a POST), nothing secret once two-factor sign-in is on.</summary>
    public sealed record AuthenticatorSetup(string? SharedKey, string? AuthenticatorUri, CodeForm Form, bool Enabled);

    [HttpGet("login"), AllowAnonymous]
    public IActionResult Login(string? returnUrl) => View(new LoginForm { ReturnUrl = returnUrl });

    [HttpPost("login"), AllowAnonymous, ValidateAntiForgeryToken, EnableRateLimiting(SignInRegistration.SignInRateLimit)]
    public async Task<IActionResult> Login(LoginForm form)
    {
        if (!ModelState.IsValid)
        {
            return View(form);
        }

        var user = await userManager.FindByEmailAsync(form.Email);
        if (user is null || !user.IsActive)
        {
            // An unknown e-mail and a disabled account cost one password hash and get the answer a wrong
            // password gets, whatever the password: the form reveals neither which e-mails exist nor which
            // accounts are disabled (not even to someone who knows the password).
            SpendPasswordCheck(user, form.Password);
            securityLog.SignInFailed(user, HttpContext, user is null ? "no account with this e-mail" : "account disabled");
            ModelState.AddModelError("", WrongCredentials);
            return View(form);
        }

        var result = await signInManager.PasswordSignInAsync(user, form.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            return RedirectToAction(nameof(TwoFactor), new { form.ReturnUrl });
        }

        if (result.IsLockedOut)
        {
            securityLog.SignInFailed(user, HttpContext, "locked out");
            ModelState.AddModelError("", "Too many failed sign-ins: the account is locked for 15 minutes.");
            return View(form);
        }

        if (!result.Succeeded)
        {
            securityLog.SignInFailed(user, HttpContext, "wrong password");
            ModelState.AddModelError("", WrongCredentials);
            return View(form);
        }

        securityLog.SignInSucceeded(user, HttpContext, "password");
        await StampSignInTimeAsync(user!, multiFactor: false);
        return LocalRedirect(SafeReturnUrl(form.ReturnUrl));
    }

    [HttpGet("two-factor"), AllowAnonymous]
    public async Task<IActionResult> TwoFactor(string? returnUrl)
    {
        if (await signInManager.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToAction(nameof(Login));
        }

        return View(new CodeForm { ReturnUrl = returnUrl });
    }

    [HttpPost("two-factor"), AllowAnonymous, ValidateAntiForgeryToken, EnableRateLimiting(SignInRegistration.SignInRateLimit)]
    public async Task<IActionResult> TwoFactor(CodeForm form)
    {
        var user = await signInManager.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToAction(nameof(Login));
        }

        if (!ModelState.IsValid)
        {
            return View(form);
        }

        var code = form.Digits;
        var result = await signInManager.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.IsLockedOut)
        {
            securityLog.SignInFailed(user, HttpContext, "locked out at the second factor");
            ModelState.AddModelError("", "Too many failed sign-ins: the account is locked for 15 minutes.");
            return View(form);
        }

        if (!result.Succeeded)
        {
            securityLog.SignInFailed(user, HttpContext, "wrong or reused authenticator code");
            ModelState.AddModelError(nameof(CodeForm.Code), "The code is not right. Enter the current 6-digit code from your authenticator app.");
            return View(form);
        }

        securityLog.SignInSucceeded(user, HttpContext, "password and authenticator code");
        await StampSignInTimeAsync(user, multiFactor: true);
        return LocalRedirect(SafeReturnUrl(form.ReturnUrl));
    }

    // GET only shows: creating a key renews the security stamp, which a link or a prefetch must not do.
    [HttpGet("authenticator"), Authorize]
    public async Task<IActionResult> Authenticator(string? returnUrl)
    {
        var user = await userManager.GetUserAsync(User) ?? throw new InvalidOperationException("Signed-in user not found.");
        return View(await SetupAsync(user, new CodeForm { ReturnUrl = returnUrl }));
    }

    [HttpPost("authenticator/key"), Authorize, ValidateAntiForgeryToken]
    public async Task<IActionResult> AuthenticatorKey(string? returnUrl)
    {
        var user = await userManager.GetUserAsync(User) ?? throw new InvalidOperationException("Signed-in user not found.");
        if (!user.TwoFactorEnabled)
        {
            // A new key renews the stamp: this session is renewed with it, keeping its sign-in time and method.
            await userManager.ResetAuthenticatorKeyAsync(user);
            await signInManager.RefreshSignInAsync(user);
        }

        return RedirectToAction(nameof(Authenticator), new { returnUrl });
    }

    [HttpPost("authenticator"), Authorize, ValidateAntiForgeryToken, RedisplaysItself]
    public async Task<IActionResult> Authenticator(CodeForm form)
    {
        var user = await userManager.GetUserAsync(User) ?? throw new InvalidOperationException("Signed-in user not found.");
        if (user.TwoFactorEnabled || string.IsNullOrEmpty(await userManager.GetAuthenticatorKeyAsync(user)))
        {
            return RedirectToAction(nameof(Authenticator), new { form.ReturnUrl });
        }

        var code = form.Digits;
        if (!ModelState.IsValid
            || !await userManager.VerifyTwoFactorTokenAsync(user, userManager.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError(nameof(CodeForm.Code), "The code is not right. Scan the key again and enter the current code.");
            return View(await SetupAsync(user, form));
        }

        // Turning the factor on renews the stamp (other sessions end); tokens minted before, without
        // the factor, are revoked. This session has just proved the factor, so it goes on as one that did.
        await userManager.SetTwoFactorEnabledAsync(user, true);
        await sessions.RevokeTokensAsync(user, HttpContext.RequestAborted);
        var session = await HttpContext.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        await signInManager.SignInWithClaimsAsync(user, session.Properties ?? new AuthenticationProperties(), [SecondFactor.Claim(multiFactor: true)]);
        TempData["Status"] = "Two-factor sign-in is on. You will be asked for a code at each sign-in.";
        return LocalRedirect(SafeReturnUrl(form.ReturnUrl));
    }

    [HttpPost("logout"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Logout()
    {
        if (await userManager.GetUserAsync(User) is { } user)
        {
            // A new stamp invalidates every cookie issued before, so a copied cookie cannot be replayed,
            // and the user's tokens are revoked: signing out ends the tablet's bearer tokens too.
            await sessions.EndAllAsync(user, HttpContext.RequestAborted);
        }

        await signInManager.SignOutAsync();
        // The browser's HTTP cache goes with the session; the tablet's page copies are deleted by
        // js/offline.js before this post. Not "storage": that would also wipe the outbox's unsent visits.
        Response.Headers["Clear-Site-Data"] = "\"cache\"";
        return RedirectToAction(nameof(Login));
    }

    [HttpGet("denied"), AllowAnonymous]
    public IActionResult Denied() => View();

    private async Task<AuthenticatorSetup> SetupAsync(ApplicationUser user, CodeForm form)
    {
        if (user.TwoFactorEnabled)
        {
            // The key of an enrolled authenticator is never shown again: a borrowed session must not clone it.
            return new AuthenticatorSetup(null, null, form, Enabled: true);
        }

        var key = await userManager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            return new AuthenticatorSetup(null, null, form, Enabled: false);
        }

        var email = Uri.EscapeDataString(user.Email ?? user.UserName ?? "user");
        var uri = $"otpauth://totp/MedTech%20Accounts:{email}?secret={key}&issuer=MedTech%20Accounts&digits=6";
        return new AuthenticatorSetup(FormatKey(key), uri, form, Enabled: false);
    }

    private static string FormatKey(string key)
    {
        var result = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            result.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return result.ToString().TrimEnd().ToLowerInvariant();
    }

    /// <summary>
    /// Records the sign-in time in the cookie so the 12-hour absolute limit survives sliding renewal,
    /// and whether the second factor was used (the tokens minted from this session carry it).
    /// </summary>
    private async Task StampSignInTimeAsync(ApplicationUser user, bool multiFactor)
    {
        var properties = new AuthenticationProperties();
        properties.Items[SessionLifetime.SignedInAtKey] = clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        await signInManager.SignOutAsync();
        await signInManager.SignInWithClaimsAsync(user, properties, [SecondFactor.Claim(multiFactor)]);
    }

    private const string WrongCredentials = "The e-mail or password is not right.";

    private static string? s_placeholderHash;

    /// <summary>Verifies the password against the account's hash, or a placeholder of the same cost, and ignores the result.</summary>
    private void SpendPasswordCheck(ApplicationUser? user, string password)
    {
        var hasher = userManager.PasswordHasher;
        var placeholder = s_placeholderHash ??= hasher.HashPassword(new ApplicationUser(), Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
        _ = hasher.VerifyHashedPassword(user ?? new ApplicationUser(), user?.PasswordHash ?? placeholder, password);
    }

    private string SafeReturnUrl(string? returnUrl) => Url.IsLocalUrl(returnUrl) ? returnUrl! : "/";
}
