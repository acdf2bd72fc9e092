using HallBoard.Domain;
using HallBoard.Features.Account;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;

namespace HallBoard.Features.Attachments.Pages;

public partial class AttachmentPanel
{
    private Actor? _actor;
    private IReadOnlyList<AttachmentRow>? _rows;
    private string? _error;
    private bool _busy;
    private string? _uploading;
    private int _percent;
    private int? _confirming;
    private bool _live;

    [Parameter, EditorRequired] public AttachmentSubject Subject { get; set; }
    [Parameter, EditorRequired] public int SubjectId { get; set; }

    /// <summary>Shows the upload buttons; reading and removing one's own attachments need no more.</summary>
    [Parameter] public bool CanUpload { get; set; } = true;

    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _actor ??= (await Auth).User.ToActor();
        await LoadAsync();
    }

    /// <summary>Runs only once the circuit has drawn the panel (never while prerendering).</summary>
    protected override void OnAfterRender(bool firstRender)
    {
        if (!firstRender) return;
        _live = true;
        StateHasChanged();
    }

    private async Task LoadAsync()
    {
        try
        {
            _rows = await Book.ListAsync(_actor!, Subject, SubjectId);
        }
        catch (HallBoardException ex)
        {
            (_rows, _error) = ([], ex.Message);
        }
    }

    private async Task UploadAsync(IBrowserFile? file)
    {
        if (file is null || _actor is null) return;
        (_error, _confirming, _uploading, _percent, _busy) = (null, null, file.Name, 0, true);
        try
        {
            if (file.Size > Book.MaxBytes)
            {
                // Refused on the size the browser gives, before a byte is sent; the service counts what arrives as well.
                _error = $"“{file.Name}”超过 {AttachmentRefusedException.Megabytes(Book.MaxBytes)} MB 上限，未保存。请压缩或拆分后再上传。";
                return;
            }
            await using var upload = new ProgressStream(file.OpenReadStream(Book.MaxBytes + 1), read => Progress(read, file.Size));
            await Book.AddAsync(_actor, Subject, SubjectId, file.Name, upload);
        }
        catch (HallBoardException ex)
        {
            _error = ex.Message;
        }
        catch (IOException)
        {
            _error = "文件上传中断，未保存。请重新选择文件。";
        }
        finally
        {
            _busy = false;
        }
        await LoadAsync();
    }

    private void Progress(long read, long size)
    {
        var percent = size <= 0 ? 100 : (int)Math.Min(100, read * 100 / size);
        // Redrawn at each further 5 %, not on every buffer.
        if (percent < _percent + 5 && percent < 100) return;
        _percent = percent;
        _ = InvokeAsync(StateHasChanged);
    }

    private async Task RemoveAsync(AttachmentRow row)
    {
        (_error, _confirming) = (null, null);
        try
        {
            await Book.RemoveAsync(_actor!, row.Id);
        }
        catch (HallBoardException ex)
        {
            _error = ex.Message;
        }
        await LoadAsync();
    }

    private static string SizeText(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes / 1024.0 / 1024.0:0.#} MB",
    };
}
