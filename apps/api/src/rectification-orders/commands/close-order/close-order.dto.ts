/** 销号：无请求字段。 */
export class CloseOrderDto {}
