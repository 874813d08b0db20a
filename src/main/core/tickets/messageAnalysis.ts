import type { MailMessage } from '../../../shared/domain';
import { readForm, type FormReading } from '../triage/readForm';
import { classifyRouting, type RoutingModel, type RoutingResult } from '../triage/routing';

// Per-message triage results, memoized by the message's stable id: a mail's bytes never
// change, so its form and language are read once. Routing depends on the model too.

export interface MessageAnalysis {
  form: FormReading;
  routing: RoutingResult;
}

export class MessageAnalyzer {
  private readonly forms = new Map<string, FormReading>();
  private readonly routings = new Map<string, RoutingResult>();
  private model: RoutingModel;

  constructor(model: RoutingModel) {
    this.model = model;
  }

  /** A new model (after a transfer or a correction) invalidates routing results only. */
  setModel(model: RoutingModel): void {
    this.model = model;
    this.routings.clear();
  }

  analyse(message: MailMessage): MessageAnalysis {
    let form = this.forms.get(message.id);
    if (!form) {
      form = readForm(message.text, message.html);
      this.forms.set(message.id, form);
    }
    let routing = this.routings.get(message.id);
    if (!routing) {
      routing = classifyRouting(this.model, { subject: message.subject, text: message.text, formFields: form.fields as Record<string, string> });
      this.routings.set(message.id, routing);
    }
    return { form, routing };
  }

  forget(messageId: string): void {
    this.forms.delete(messageId);
    this.routings.delete(messageId);
  }
}
