using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Account;
using HallBoard.Features.Api;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace HallBoard.Features.Attachments;

/// <summary>The upload and download endpoints of attachments, for clients other than the circuit.</summary>
public static class AttachmentsEndpoints
{
    /// <summary>Room for the multipart envelope and a note around a file of the largest size.</summary>
    public const long EnvelopeBytes = 64 * 1024;

    public static string DownloadPath(int id, bool inline = false) => inline ? $"/attachments/{id}?inline=1" : $"/attachments/{id}";

    public static string UploadPath(AttachmentSubject subject, int subjectId) => $"/attachments/{subject.ToString().ToLowerInvariant()}/{subjectId}";

    public static IEndpointRouteBuilder MapAttachmentsEndpoints(this IEndpointRouteBuilder app)
    {
        var limit = app.ServiceProvider.GetRequiredService<AttachmentBook>().MaxBytes + EnvelopeBytes;
        app.MapPost("/attachments/{subject}/{subjectId:int}", UploadAsync)
            .RequireRoles(Policies.Staff)
            .WithMetadata(new RequestSizeLimitAttribute(limit))
            .ExcludeFromDescription();
        app.MapGet("/attachments/{id:int}", DownloadAsync)
            .RequireRoles(Policies.Staff)
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>POST /attachments/{subject}/{subjectId}: a multipart form with one "file" (and an optional "note"),
    /// with the antiforgery token of the signed-in user. The form is read here, not bound, so that a body over the
    /// limit, a missing token and a refused file all answer a Chinese problem.</summary>
    private static async Task<IResult> UploadAsync(string subject, int subjectId, HttpContext http, AttachmentBook book, IAntiforgery antiforgery)
    {
        var limit = book.MaxBytes + EnvelopeBytes;
        if (!Enum.TryParse<AttachmentSubject>(subject, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(subject, out _))
            return Problem(StatusCodes.Status404NotFound, "附件所属的记录不存在。");
        if (http.Request.ContentLength > limit)
            return Problem(StatusCodes.Status413PayloadTooLarge, AttachmentRefusedException.TooLarge(book.MaxBytes).Message);
        if (!http.Request.HasFormContentType)
            return Problem(StatusCodes.Status415UnsupportedMediaType, "请以 multipart/form-data 表单上传文件。");
        // The app's form limit is for small forms; this endpoint's own is just above the largest file.
        http.Features.Set<IFormFeature>(new FormFeature(http.Request, new FormOptions
        {
            MultipartBodyLengthLimit = limit, ValueCountLimit = 10, ValueLengthLimit = 16 * 1024,
        }));
        IFormCollection form;
        try
        {
            await antiforgery.ValidateRequestAsync(http);
            form = await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (AntiforgeryValidationException)
        {
            return Problem(StatusCodes.Status400BadRequest, "页面已过期或表单无效，请刷新页面后重新上传。");
        }
        catch (BadHttpRequestException error) when (error.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, AttachmentRefusedException.TooLarge(book.MaxBytes).Message);
        }
        catch (InvalidDataException error) when (error.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, AttachmentRefusedException.TooLarge(book.MaxBytes).Message);
        }
        catch (Exception error) when (error is InvalidDataException or BadHttpRequestException or IOException)
        {
            return Problem(StatusCodes.Status400BadRequest, "上传的表单不完整或格式不正确，请重新选择文件上传。");
        }
        if (form.Files.GetFile("file") is not { } file)
            return Problem(StatusCodes.Status400BadRequest, "请选择要上传的文件。");
        try
        {
            await using var content = file.OpenReadStream();
            var row = await book.AddAsync(http.User.ToActor(), kind, subjectId, file.FileName, content, form["note"].FirstOrDefault(), http.RequestAborted);
            return TypedResults.Created(DownloadPath(row.Id), new
            {
                row.Id, row.FileName, row.ContentType, row.Size, row.Sha256, row.UploadedByName, row.UploadedUtc,
            });
        }
        catch (AttachmentRefusedException refused)
        {
            return Problem(refused.Reason switch
            {
                AttachmentRefusal.TooLarge => StatusCodes.Status413PayloadTooLarge,
                AttachmentRefusal.WrongType or AttachmentRefusal.Executable or AttachmentRefusal.BadPackage or AttachmentRefusal.BadText
                    => StatusCodes.Status415UnsupportedMediaType,
                _ => StatusCodes.Status400BadRequest,
            }, refused.Message, "文件未上传");
        }
        catch (HallBoardException error)
        {
            return ApiProblems.For(error);
        }
        catch (Exception error) when (DbFailures.IsBusy(error))
        {
            return ApiProblems.Busy();
        }
    }

    /// <summary>GET /attachments/{id}: the file with the type detected at upload, as a download; an image may be shown
    /// inline (?inline=1). The read is audited before the answer starts.</summary>
    private static async Task<IResult> DownloadAsync(int id, HttpContext http, AttachmentBook book, [FromQuery(Name = "inline")] int? inline)
    {
        AttachmentDownload download;
        try
        {
            download = await book.OpenAsync(http.User.ToActor(), id, http.RequestAborted);
        }
        catch (HallBoardException error)
        {
            return ApiProblems.For(error);
        }
        var a = download.Attachment;
        http.Response.Headers.CacheControl = "private, no-store";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.RegisterForDisposeAsync(download);
        var disposition = new ContentDispositionHeaderValue(inline == 1 && a.IsImage ? "inline" : "attachment");
        disposition.SetHttpFileName(a.FileName);
        http.Response.Headers.ContentDisposition = disposition.ToString();
        return TypedResults.Stream(download.Content, a.ContentType);
    }

    private static IResult Problem(int status, string message, string title = "请求无法处理") =>
        TypedResults.Problem(message, statusCode: status, title: title);
}
