using HallBoard.Domain;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace HallBoard.Components.Shared;

/// <summary>A page or panel that runs commands: one at a time (<see cref="Busy"/> disables its buttons), its Chinese
/// refusal kept in <see cref="Error"/> for a <c>CommandRefusal</c> beside the form (nothing saved) and a
/// <see cref="ValidationFailedException"/>'s messages in <see cref="FieldErrors"/> for the fields they name, or a short
/// confirmation and a fresh read (<see cref="LoadAsync"/>).</summary>
public abstract class CommandPageBase : ComponentBase
{
    private static readonly IReadOnlyDictionary<string, string[]> NoFieldErrors = new Dictionary<string, string[]>();

    [Inject] protected ISnackbar Snackbar { get; set; } = default!;

    protected string? Error { get; set; }
    protected bool Busy { get; private set; }

    /// <summary>The last refusal's messages by field ("title", "content" …); empty when it named none.</summary>
    protected IReadOnlyDictionary<string, string[]> FieldErrors { get; private set; } = NoFieldErrors;

    /// <summary>The last refusal's message for one field (its messages joined with "；"), for the field's ErrorText.</summary>
    protected string? ErrorOf(string field) => FieldErrors.TryGetValue(field, out var m) ? string.Join("；", m) : null;

    /// <summary>Reads again after a confirmed command: a page re-queries, a panel tells its page (its OnChanged).</summary>
    protected virtual Task LoadAsync() => Task.CompletedTask;

    /// <summary>Keeps a refusal: its message in <see cref="Error"/>. A form that words a field refusal its own way (a
    /// hint above the button, the fields alone) overrides this; <see cref="FieldErrors"/> is already set.</summary>
    protected virtual void OnRefused(HallBoardException refusal) => Error = refusal.Message;

    /// <summary>Forgets the last refusal, as when a form is opened again.</summary>
    protected void ClearRefusal() => (Error, FieldErrors) = (null, NoFieldErrors);

    protected async Task<bool> RunAsync(Func<Task> command, string? done = null)
    {
        if (Busy) return false;
        Busy = true;
        ClearRefusal();
        try
        {
            await command();
            if (done is not null)
            {
                Snackbar.Add(done, Severity.Success);
                await LoadAsync();
            }
            return true;
        }
        catch (HallBoardException ex)
        {
            FieldErrors = (ex as ValidationFailedException)?.Errors ?? NoFieldErrors;
            OnRefused(ex);
            return false;
        }
        finally
        {
            Busy = false;
        }
    }
}
