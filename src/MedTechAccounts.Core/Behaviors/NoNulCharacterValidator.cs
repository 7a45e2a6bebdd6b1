using System.Collections;
using System.Reflection;
using FluentValidation;

namespace MedTechAccounts.Core.Behaviors;

/// <summary>
/// Text with a NUL character is refused in every message, naming the field (<c>Attendees[0].Name</c>): PostgreSQL can
/// neither store nor compare it, so it would fail in the database as a 500, and no field of the app has a use for it.
/// </summary>
public sealed class NoNulCharacterValidator<T> : AbstractValidator<T>
{
    private const int MaxDepth = 4;

    public NoNulCharacterValidator() =>
        RuleFor(message => message).Custom((message, context) =>
        {
            foreach (var field in message is null ? [] : FieldsWithNul(message, "", 0))
            {
                context.AddFailure(field, $"{field} cannot contain the NUL character.");
            }
        });

    private static IEnumerable<string> FieldsWithNul(object value, string path, int depth)
    {
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            var name = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            IEnumerable<string> fields = property.GetValue(value) switch
            {
                string text => text.Contains('\0', StringComparison.Ordinal) ? [name] : [],
                IEnumerable items and not byte[] => items.Cast<object?>().SelectMany((item, i) => Inside(item, $"{name}[{i}]", depth)),
                var other => Inside(other, name, depth),
            };
            foreach (var field in fields)
            {
                yield return field;
            }
        }
    }

    /// <summary>A string, or one of the app's own input types (an attendee, an order line), one level deeper.</summary>
    private static IEnumerable<string> Inside(object? value, string path, int depth) => value switch
    {
        string text => text.Contains('\0', StringComparison.Ordinal) ? [path] : [],
        { } input when depth < MaxDepth && input.GetType() is { IsClass: true } type && type.Assembly == typeof(NoNulCharacterValidator<>).Assembly
            => FieldsWithNul(input, path, depth + 1),
        _ => [],
    };
}
