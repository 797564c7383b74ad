// Issue 10 item 9: guest-link passwords are 10+ characters and not among the ones attackers try first.
import { guestPasswordProblem, isCommonPassword } from '../../src/middle-tier/security/password-policy';

describe('guest password policy', () => {
  it('refuses common passwords and their decorated forms, whatever the case and accents', () => {
    for (const p of ['qwertyuiop', 'MotDePasse2024!', '!!password123', 'azerty123456', 'Équipe2024', 'aaaaaaaaaaaa'])
      expect({ p, common: isCommonPassword(p) }).toEqual({ p, common: true });
    expect(isCommonPassword('0123456789')).toBe(true);
  });
  it('accepts long, uncommon passwords (three unrelated words)', () => {
    for (const p of ['cheval agrafe batterie', 'Équipe-tech pour François', '4821-9377-1046'])
      expect({ p, problem: guestPasswordProblem(p) }).toEqual({ p, problem: undefined });
  });
  it('counts characters, not UTF-16 units, for the minimum of 10', () => {
    expect(guestPasswordProblem('ééééééééé')?.code).toBe('password-too-short');
    expect(guestPasswordProblem('😀é1😀é2😀é3x')).toBeUndefined();
  });
});
