import { Inject, Injectable } from '@nestjs/common';
import { samePersonalText, type PersonalRef, type PersonalText, type Petitioner } from '@app/domain';
import { PERSONAL_DATA_STORE, type PersonalDataStore } from './personal-data.store';

export interface PetitionerInput {
  name: string;
  contact?: string | null;
  address?: string | null;
}

/**
 * Turns personal data of a request into references before the command is decided: a petitioner's
 * name, contact and address, the responsible person, and free text the user marked as holding
 * personal data. What the log then holds is `{ pii }` only (ORD-PII-1).
 */
@Injectable()
export class PersonalDataProtector {
  constructor(@Inject(PERSONAL_DATA_STORE) private readonly store: PersonalDataStore) {}

  async petitioner(orderId: string, input: PetitionerInput): Promise<Petitioner> {
    const subjectId = await this.store.subjectFor('PETITIONER', orderId);
    const optional = async (field: string, text: string | null | undefined): Promise<PersonalRef | null> =>
      text && text.trim() ? this.store.protect(subjectId, field, text.trim()) : null;
    return {
      name: await this.store.protect(subjectId, 'name', input.name.trim()),
      contact: await optional('contact', input.contact),
      address: await optional('address', input.address),
    };
  }

  /** Free text of a petition case the user marked as holding the petitioner's personal data; otherwise the text itself. */
  async petitionText(orderId: string, field: string, text: string, marked: boolean | undefined): Promise<PersonalText> {
    if (!marked) return text;
    const subjectId = await this.store.subjectFor('PETITIONER', orderId);
    return this.store.protect(subjectId, field, text);
  }

  /**
   * The responsible person as a reference; the current reference when the name is unchanged, so a
   * reassignment that changes nothing is still recognised as such (ORD-REASSIGN-1).
   */
  async responsiblePerson(orderId: string, text: string | null, current: PersonalText | null = null): Promise<PersonalText | null> {
    const name = text?.trim() || null;
    if (name === null) return null;
    if (current !== null) {
      const shown = await this.store.reveal({ current });
      if (samePersonalText(shown.current as PersonalText, name)) return current;
    }
    const subjectId = await this.store.subjectFor('RESPONSIBLE_PERSON', orderId);
    return this.store.protect(subjectId, 'responsiblePerson', name);
  }

  reveal<T>(value: T): Promise<T> {
    return this.store.reveal(value);
  }
}
