namespace HallBoard.Features.Attachments;

public static class AttachmentsSetup
{
    public static IServiceCollection AddAttachments(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<AttachmentOptions>(config.GetSection("Attachments"));
        services.AddSingleton<AttachmentStore>();
        services.AddSingleton<FileInspector>();
        services.AddSingleton<AttachmentBook>();
        return services;
    }
}
