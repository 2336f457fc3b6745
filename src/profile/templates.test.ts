import Value from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { OFFICE_KINDS } from './office-kinds.js';
import { memberClassOf, officeKindsOf, profileProblems, voteWeight } from './rules.js';
import { ProfileDocument } from './schemas.js';
import { PROFILE_TEMPLATES, TEMPLATE_CODES } from './templates.js';
import { vngProfile } from './vng.js';

describe('profile templates', () => {
  it.each(TEMPLATE_CODES)('%s is a valid profile document that the profile rules accept', (code) => {
    const { document, description } = PROFILE_TEMPLATES[code];
    expect([...Value.Errors(ProfileDocument, document)]).toEqual([]);
    expect(profileProblems(document)).toEqual([]);
    expect(description.nl).not.toBe('');
    expect(description.en).not.toBe('');
  });

  it.each(TEMPLATE_CODES)('%s names, for every member class, the office kinds that represent it', (code) => {
    for (const memberClass of PROFILE_TEMPLATES[code].document.memberClasses) {
      expect(memberClass.officeKinds?.length).toBeGreaterThan(0);
      for (const kind of memberClass.officeKinds ?? []) expect(OFFICE_KINDS).toContain(kind);
    }
  });

  it.each(TEMPLATE_CODES)('%s names a source for every rule, and no working note', (code) => {
    const sources: string[] = [];
    const collect = (value: unknown) => {
      if (value && typeof value === 'object')
        for (const [key, inner] of Object.entries(value))
          key.toLowerCase().endsWith('source') && typeof inner === 'string' ? sources.push(inner) : collect(inner);
    };
    collect(PROFILE_TEMPLATES[code].document);
    expect(sources.length).toBeGreaterThanOrEqual(10);
    for (const source of sources) expect(source).not.toMatch(/TODO|FIXME|\?\?|xxx/i);
  });

  it('represents a gewest by its chair or executive, never by a mayor', () => {
    const gewest = memberClassOf(vngProfile, 'gewest')!;
    expect(officeKindsOf(gewest)).toEqual(expect.arrayContaining(['chair', 'executive-member']));
    expect(officeKindsOf(gewest)).not.toContain('mayor');
    expect(officeKindsOf(memberClassOf(vngProfile, 'municipality')!)).toContain('mayor');
  });

  it('gives provinces and water boards one vote each, whatever their population, with their own offices', () => {
    const province = PROFILE_TEMPLATES.ipo.document.memberClasses[0]!;
    expect([1, 383_000, 3_900_000].map((p) => voteWeight(p, province.voteWeight))).toEqual([1, 1, 1]);
    expect(province.officeKinds).toEqual(expect.arrayContaining(['kings-commissioner', 'deputy', 'states-member']));
    expect(PROFILE_TEMPLATES.ipo.document.regions.items).toHaveLength(12);
    const waterBoard = PROFILE_TEMPLATES.uvw.document.memberClasses[0]!;
    expect(voteWeight(1_400_000, waterBoard.voteWeight)).toBe(1);
    expect(waterBoard.officeKinds).toEqual(expect.arrayContaining(['dike-reeve', 'executive-member', 'board-member', 'secretary-director']));
    expect(waterBoard.officeKinds).not.toContain('mayor');
  });

  it('keeps the meaning of a stored class that names no office kinds: the municipal offices', () => {
    const { officeKinds: _, ...stored } = memberClassOf(vngProfile, 'municipality')!;
    expect(Value.Check(ProfileDocument, { ...vngProfile, memberClasses: [stored] })).toBe(true);
    expect(officeKindsOf(stored)).toEqual(['mayor', 'alderman', 'council-member', 'council-clerk', 'municipal-secretary', 'staff', 'external']);
  });

  it('refuses a class that names an office kind twice or an unknown one', () => {
    const twice = { ...vngProfile, memberClasses: [{ ...vngProfile.memberClasses[0]!, officeKinds: ['mayor' as const, 'mayor' as const] }] };
    expect(profileProblems(twice)).toContain('member class "municipality": office kind "mayor" appears twice');
    expect(Value.Check(ProfileDocument, { ...vngProfile, memberClasses: [{ ...vngProfile.memberClasses[0]!, officeKinds: ['pope'] }] })).toBe(false);
  });
});
