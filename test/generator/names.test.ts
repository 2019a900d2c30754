import { describe, expect, it } from 'vitest';
import { camelCase, NameRegistry, pascalCase, snakeCase, typeName, valueName } from '../../generator/src/ir/names.js';

describe('naming rules', () => {
  it('cases words from any separator style', () => {
    expect(pascalCase('create_bulk-invitations')).toBe('CreateBulkInvitations');
    expect(camelCase('CreateBulkInvitations')).toBe('createBulkInvitations');
    expect(camelCase('HTTPRequest')).toBe('httpRequest');
    expect(snakeCase('page[number]')).toBe('page_number');
  });

  it('never yields a reserved word, a leading digit or an empty name', () => {
    expect(typeName('class')).toBe('Class');
    expect(typeName('string')).toBe('StringModel');
    expect(typeName('Error')).toBe('ErrorModel');
    expect(typeName('404 response')).toBe('T404Response');
    expect(typeName('$$$')).toBe('Model');
    expect(valueName('delete')).toBe('delete_');
    expect(valueName('1st')).toBe('_1st');
    expect(valueName('')).toBe('value');
  });

  it('resolves clashes case-insensitively, preferring the given alternatives', () => {
    const names = new NameRegistry(['APIClient']);
    expect(names.claim('Pet')).toBe('Pet');
    expect(names.claim('pet')).toBe('pet2');
    expect(names.claim('Pet', 'PetResource')).toBe('PetResource');
    expect(names.claim('apiclient')).toBe('apiclient2');
  });
});
