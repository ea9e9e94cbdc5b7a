/** 开始整改：无请求字段。 */
export class StartRectificationDto {}
