using Mediator;
using MedTechAccounts.Core.Features.Common;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Infrastructure;

public enum LookupKind { Territories, Reps, ParentAccounts }

/// <summary>A labelled drop-down filled from a lookup query, so a failed POST can redisplay its form from the command alone.</summary>
public sealed class LookupSelectViewComponent(ISender sender) : ViewComponent
{
    public sealed record Model(string Name, string Label, Guid? Selected, bool AllowEmpty, string EmptyText, IReadOnlyList<Option> Options, string? Error);

    public async Task<IViewComponentResult> InvokeAsync(LookupKind kind, string name, string label, Guid? selected, bool allowEmpty = false, string emptyText = "—")
    {
        IReadOnlyList<Option> options = kind switch
        {
            LookupKind.Territories => await sender.Send(new Lookups.Territories()),
            LookupKind.Reps => await sender.Send(new Lookups.Reps()),
            LookupKind.ParentAccounts => await sender.Send(new Lookups.ParentAccounts()),
            _ => [],
        };
        var error = ViewData.ModelState.TryGetValue(name, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;
        return View(new Model(name, label, selected, allowEmpty, emptyText, options, error));
    }
}
