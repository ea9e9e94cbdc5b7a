import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ProblemException, type FieldError } from './problem';

const zh: Record<string, (args: string) => string> = {
  whitelistValidation: () => '不允许的字段，请删除',
  isDefined: () => '必填',
  isNotEmpty: () => '不能为空',
  isString: () => '必须是文本',
  isInt: () => '必须是整数',
  isNumber: () => '必须是数字',
  isBoolean: () => '必须是 true 或 false',
  isArray: () => '必须是数组',
  isObject: () => '必须是对象',
  isUUID: () => '必须是 UUID',
  isIn: () => '取值不在允许范围内，请从列表中选择',
  isEnum: () => '取值不在允许范围内',
  isDateString: () => '必须是日期',
  isISO8601: () => '必须是 ISO 8601 日期或时间',
  matches: () => '格式不正确',
  min: () => '数值过小',
  max: () => '数值过大',
  minLength: () => '内容过短',
  maxLength: () => '内容过长',
  arrayMinSize: () => '条目过少',
  arrayMaxSize: () => '条目过多',
  arrayNotEmpty: () => '至少需要一项',
  isUrl: () => '必须是网址',
  nestedValidation: () => '内容格式不正确',
  isDepartmentId: () => '不是本市已登记的单位，请从单位列表中选择',
};

/** Flattens class-validator's tree into one entry per bad field, with a Chinese message first. */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = parent ? (/^\d+$/.test(e.property) ? `${parent}[${e.property}]` : `${parent}.${e.property}`) : e.property;
    if (e.constraints) {
      const messages = Object.entries(e.constraints).map(([name, en]) => `${(zh[name] ?? (() => '取值无效'))(en)}（${en}）`);
      out.push({ field, messages });
    }
    if (e.children?.length) out.push(...fieldErrors(e.children, field));
  }
  return out;
}

/** Each bad field with its Chinese messages only: the `detail` a person reads (no English, no id lists). */
function chineseSummary(errors: ValidationError[], parent = ''): string[] {
  const out: string[] = [];
  for (const e of errors) {
    const field = parent ? (/^\d+$/.test(e.property) ? `${parent}[${e.property}]` : `${parent}.${e.property}`) : e.property;
    if (e.constraints)
      out.push(
        `${field} ${Object.entries(e.constraints)
          .map(([name, en]) => (zh[name] ?? (() => '取值无效'))(en))
          .join('，')}`,
      );
    if (e.children?.length) out.push(...chineseSummary(e.children, field));
  }
  return out;
}

/** The one ValidationPipe every app uses: strict DTOs, 400 problem+json listing each bad field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const list = fieldErrors(errors);
      return new ProblemException(
        400,
        'VALIDATION_FAILED',
        'Bad Request',
        `请求内容有 ${list.length} 处错误：${chineseSummary(errors).join('；')}`,
        { errors: list },
      );
    },
  });
}
