using MedTechAccounts.Core.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace MedTechAccounts.Web.Infrastructure;

/// <summary>
/// The one place where the known exceptions of the use cases become HTTP answers: RFC 7807 problem
/// details for /api, ModelState and the same form for pages. Anything else is a 500 and logged by
/// the exception handler.
/// </summary>
public sealed class DomainExceptionFilter(ProblemDetailsFactory problems) : IAsyncActionFilter
{
    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        // A value that could not even be bound ("abc" for a number) is shown like a validation error.
        if (!context.ModelState.IsValid && !IsApi(context) && context.Controller is Controller page
            && HttpMethods.IsPost(context.HttpContext.Request.Method)
            && !context.ActionDescriptor.EndpointMetadata.OfType<RedisplaysItselfAttribute>().Any())
        {
            context.Result = Redisplay(context, page, StatusCodes.Status400BadRequest);
            return;
        }

        var executed = await next();
        if (executed.Exception is null || executed.ExceptionHandled)
        {
            return;
        }

        var result = IsApi(context) ? ApiResult(context, executed.Exception) : PageResult(context, executed.Exception);
        if (result is not null)
        {
            executed.Result = result;
            executed.ExceptionHandled = true;
        }
    }

    private static bool IsApi(ActionExecutingContext context) =>
        context.ActionDescriptor.EndpointMetadata.OfType<ApiControllerAttribute>().Any();

    private IActionResult? ApiResult(ActionExecutingContext context, Exception exception)
    {
        var http = context.HttpContext;
        switch (exception)
        {
            case ValidationFailedException validation:
                var modelState = new Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary();
                foreach (var (field, messages) in validation.Errors)
                {
                    foreach (var message in messages)
                    {
                        modelState.AddModelError(field, message);
                    }
                }

                var details = problems.CreateValidationProblemDetails(http, modelState, StatusCodes.Status400BadRequest,
                    "One or more fields are invalid.");
                return new BadRequestObjectResult(details) { ContentTypes = { "application/problem+json" } };
            case PatientInformationHeldException held:
                var heldState = new Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary();
                foreach (var reason in held.Reasons)
                {
                    heldState.AddModelError(PatientInformationHeldException.Field, reason);
                }

                var heldDetails = problems.CreateValidationProblemDetails(http, heldState, StatusCodes.Status422UnprocessableEntity,
                    "The notes look like they contain patient information; nothing was stored.",
                    detail: "Remove the patient information from the notes, or send confirmedNoPatientInformation: true "
                        + "when the rep confirms the notes contain none.");
                return new UnprocessableEntityObjectResult(heldDetails) { ContentTypes = { "application/problem+json" } };
            case NotFoundException notFound:
                return Problem(http, StatusCodes.Status404NotFound, "Not found", notFound.Message);
            case ConflictException conflict:
                return Problem(http, StatusCodes.Status409Conflict, "Conflict", conflict.Message);
            case ForbiddenException forbidden:
                return Problem(http, StatusCodes.Status403Forbidden, "Forbidden", forbidden.Message);
            default:
                return null;
        }
    }

    private ObjectResult Problem(HttpContext http, int status, string title, string detail) =>
        new(problems.CreateProblemDetails(http, status, title, detail: detail))
        {
            StatusCode = status,
            ContentTypes = { "application/problem+json" },
        };

    private static IActionResult? PageResult(ActionExecutingContext context, Exception exception)
    {
        if (context.Controller is not Controller controller)
        {
            return null;
        }

        switch (exception)
        {
            case ValidationFailedException when !HttpMethods.IsPost(context.HttpContext.Request.Method):
                // A list page with a bad filter (?Page=0): there is no form to show again.
                var badRequest = controller.View("Error", (int?)StatusCodes.Status400BadRequest);
                badRequest.StatusCode = StatusCodes.Status400BadRequest;
                return badRequest;
            case ValidationFailedException validation:
                foreach (var (field, messages) in validation.Errors)
                {
                    foreach (var message in messages)
                    {
                        controller.ModelState.AddModelError(field, message);
                    }
                }

                return Redisplay(context, controller, StatusCodes.Status400BadRequest);
            case PatientInformationHeldException held:
                // The form shows the reasons next to the notes and the box to confirm (see _InteractionFields).
                foreach (var reason in held.Reasons)
                {
                    controller.ModelState.AddModelError(PatientInformationHeldException.Field, reason);
                }

                controller.ViewData[PatientInformationHeldException.Field + "Held"] = true;
                return Redisplay(context, controller, StatusCodes.Status422UnprocessableEntity);
            case ConflictException conflict:
                controller.ModelState.AddModelError("", conflict.Message);
                return Redisplay(context, controller, StatusCodes.Status409Conflict);
            case NotFoundException:
                var notFound = controller.View("NotFound");
                notFound.StatusCode = StatusCodes.Status404NotFound;
                return notFound;
            case ForbiddenException:
                var forbidden = controller.View("~/Views/Account/Denied.cshtml");
                forbidden.StatusCode = StatusCodes.Status403Forbidden;
                return forbidden;
            default:
                return null;
        }
    }

    /// <summary>Shows the same form again with the posted command, so nothing typed is lost.</summary>
    private static ViewResult Redisplay(ActionExecutingContext context, Controller controller, int status)
    {
        var model = context.ActionArguments.Values.FirstOrDefault(v => v is not null && !v.GetType().IsPrimitive && v is not string and not Guid);
        var view = controller.View(model);
        view.StatusCode = status;
        return view;
    }
}

/// <summary>
/// The action checks <c>ModelState</c> itself and shows its page with a model other than the posted form (the
/// authenticator set-up posts a code but shows the key): the filter must not redisplay the posted form for it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RedisplaysItselfAttribute : Attribute;
