using HallBoard.Domain;

namespace HallBoard.Features.Attachments;

/// <summary>The display name of an upload: the last segment of whatever path the client sent, one line, nothing
/// hidden (a direction override can make "gpj.exe" read as "exe.jpg"), no markup, no characters file systems refuse.</summary>
public static class AttachmentNames
{
    private static readonly char[] Refused = [':', '*', '?', '"', '<', '>', '|'];

    public static string Clean(string? fileName)
    {
        var raw = (fileName ?? "").Replace('\\', '/');
        var name = raw[(raw.LastIndexOf('/') + 1)..].Trim();
        if (name.Length == 0 || name.Trim('.').Length == 0)
            throw Bad("请提供文件名。");
        if (TextRules.HasHidden(name, multiline: false))
            throw Bad("文件名" + TextRules.HiddenMessage);
        if (name.IndexOfAny(Refused) >= 0 || TextRules.HasMarkup(name))
            throw Bad("文件名不能包含 : * ? \" < > | 等字符或 HTML 标记。");
        if (name.Length > Attachment.MaxFileName)
            throw Bad($"文件名过长（最多 {Attachment.MaxFileName} 个字符）。");
        return name;
    }

    private static AttachmentRefusedException Bad(string message) => new(AttachmentRefusal.BadName, message);
}
