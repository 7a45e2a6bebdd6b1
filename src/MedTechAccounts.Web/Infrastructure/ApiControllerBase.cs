using MedTechAccounts.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Infrastructure;

/// <summary>
/// Base of the JSON API under /api: a bearer token from our OpenID Connect server or the browser
/// cookie; cookie-authenticated writes must carry an antiforgery token.
/// </summary>
[ApiController]
[Authorize(Policy = SignInRegistration.ApiPolicy)]
[IgnoreAntiforgeryToken]
[TypeFilter(typeof(CookieAntiforgeryFilter))]
public abstract class ApiControllerBase : ControllerBase;
