using System.Collections;
using System.Reflection;

namespace MedTechAccounts.Core.Behaviors;

/// <summary>
/// The fields of a message whose text holds a NUL character (<c>Notes</c>, <c>Attendees[0].Name</c>). PostgreSQL can
/// neither store nor compare such text, so a rule that looks it up would fail in the database as a 500, and no field of
/// the app has a use for it: <see cref="ValidationBehavior{TMessage, TResponse}"/> refuses them before any rule runs.
/// </summary>
public static class NulCharacters
{
    private const int MaxDepth = 4;

    public static IEnumerable<string> FieldsOf(object message) => FieldsWithNul(message, "", 0);

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
        { } input when depth < MaxDepth && input.GetType() is { IsClass: true } type && type.Assembly == typeof(NulCharacters).Assembly
            => FieldsWithNul(input, path, depth + 1),
        _ => [],
    };
}
