/** Password rules: long enough to resist guessing, short enough to hash cheaply; checked on set. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

/** Problems with a new password, in Vietnamese (empty when it is acceptable). */
export function checkNewPassword(password: string, context: { username?: string } = {}): string[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) {
    problems.push(`Mật khẩu cần ít nhất ${PASSWORD_MIN_LENGTH} ký tự.`);
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    problems.push(`Mật khẩu không được dài quá ${PASSWORD_MAX_LENGTH} ký tự.`);
  }
  if (password.trim().length === 0 && password.length > 0) {
    problems.push('Mật khẩu không được chỉ gồm khoảng trắng.');
  }
  if (context.username && password.toLowerCase().includes(context.username.toLowerCase())) {
    problems.push('Mật khẩu không được chứa tên đăng nhập.');
  }
  if (/^(.)\1+$/.test(password)) problems.push('Mật khẩu không được lặp một ký tự.');
  return problems;
}
