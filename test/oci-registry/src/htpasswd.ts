import { bcryptHash } from './bcrypt';

/** One line of an htpasswd file as docker-registry reads it. */
export function htpasswdLine(username: string, password: string): string {
  if (username.includes(':') || /\s/.test(username)) {
    throw new Error(
      `htpasswd user names cannot hold ':' or spaces: '${username}'`,
    );
  }
  return `${username}:${bcryptHash(password)}\n`;
}
