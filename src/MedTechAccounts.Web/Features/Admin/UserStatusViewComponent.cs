using Mediator;
using MedTechAccounts.Core.Features.Users;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Admin;

/// <summary>A user's sign-in state (e-mail, lockout, two-factor) with the unlock and reset actions, read fresh on every render.</summary>
public sealed class UserStatusViewComponent(ISender sender) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid id) => View(await sender.Send(new UserDetails.Query(id)));
}
