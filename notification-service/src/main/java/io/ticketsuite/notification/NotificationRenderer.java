package io.ticketsuite.notification;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import java.util.Map;

/**
 * Renders a planned notification with the Qute templates of its kind. Rendering is strict: a template that uses a
 * field its model does not have fails instead of printing something, which keeps internal fields out of customer
 * messages (their model has only {@link NotificationPlanner#CUSTOMER_FIELDS}).
 */
public class NotificationRenderer {
    private final Engine engine;

    public NotificationRenderer(Engine engine) {
        this.engine = engine;
    }

    public Message render(NotificationKind kind, Map<String, Object> model) {
        String subject = render(kind.subjectTemplate(), model).strip().replaceAll("\\s+", " ");
        String body = render(kind.bodyTemplate(), model).strip() + "\n";
        return new Message(subject, body);
    }

    public Message render(PlannedNotification planned) {
        return render(planned.kind(), planned.model());
    }

    private String render(String id, Map<String, Object> model) {
        Template template = engine.getTemplate(id);
        if (template == null) {
            throw new IllegalStateException("no template " + id);
        }
        TemplateInstance instance = template.instance();
        model.forEach(instance::data);
        return instance.render();
    }
}
